using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coverage.Dashboard.Ingest;

/// <summary>A units import: a header naming the columns code, name and kind, then one row per unit; errors are keyed rows[LINE].COLUMN.</summary>
public static class UnitsCsv
{
    private static readonly string[] Columns = ["code", "name", "kind"];

    public static List<UnitItem> Read(byte[] body, CsvCharset charset, ErrorBag errors)
    {
        if (CsvParser.Parse(body, charset, errors, FiguresJsonBatch.MaxItems) is not { } records)
            return [];
        if (records.Count == 0)
        {
            errors.Add("$", $"is empty; the first row names the columns: {string.Join(",", Columns)}");
            return [];
        }
        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        var headerRow = $"rows[{records[0].Line}]";
        foreach (var missing in Columns.Where(c => !header.Contains(c)))
            errors.Add(headerRow, $"has no column '{missing}'.");
        foreach (var column in header.Where(c => !Columns.Contains(c)).Concat(header.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key)))
            errors.Add($"{headerRow}.{column}", $"is not a column of its own; the columns are {string.Join(",", Columns)}, each once.");
        if (errors.Any)
            return [];
        var rows = records.Skip(1).ToList();
        if (rows.Count == 0)
        {
            errors.Add("$", "has no rows after the header.");
            return [];
        }
        var units = new JsonArray();
        foreach (var row in rows)
        {
            var unit = new JsonObject();
            foreach (var (column, cell) in header.Zip(row.Fields, (column, cell) => (column, cell.Trim())).Where(c => c.Item2.Length > 0))
                unit[column] = cell;
            units.Add(unit);
            if (row.Fields.Count != header.Length)
                errors.Add($"rows[{row.Line}]", $"has {row.Fields.Count} fields, and the header has {header.Length}.");
        }
        return UnitsJsonBatch.Read(JsonSerializer.SerializeToElement(units), errors, index => $"rows[{rows[index].Line}]");
    }
}
