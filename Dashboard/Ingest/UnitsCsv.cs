using System.Text.Json;
using System.Text.Json.Nodes;
using Coverage.Dashboard.Export;

namespace Coverage.Dashboard.Ingest;

/// <summary>A units import: a header naming the columns code, name and kind, then one row per unit; errors are keyed rows[LINE].COLUMN.</summary>
public static class UnitsCsv
{
    private static readonly string[] Columns = ["code", "name", "kind"];

    /// <summary>The Chinese column names the exports write, so an exported list of units can be edited and sent back.</summary>
    private static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        ["代码"] = "code", ["名称"] = "name", ["类型"] = "kind",
    };

    /// <summary>The exports' names of the kinds, and 联合工会, as a joint union is often called.</summary>
    private static readonly Dictionary<string, string> ChineseKinds = UnitReader.Kinds
        .Select(k => KeyValuePair.Create(CsvTables.KindName(k.Value), k.Key)).Append(KeyValuePair.Create("联合工会", "joint"))
        .ToDictionary(StringComparer.Ordinal);

    private static readonly Message SheetKinds = new(
        $"must be one of {string.Join(", ", UnitReader.Kinds.Values.Select(CsvTables.KindName))}, or {string.Join(", ", UnitReader.Kinds.Keys)} as the API names them.",
        $"必须是 {string.Join("、", UnitReader.Kinds.Values.Select(CsvTables.KindName))} 之一（或接口所用的 {string.Join("、", UnitReader.Kinds.Keys)}）。");

    public static List<UnitItem> Read(byte[] body, CsvCharset charset, ErrorBag errors)
    {
        if (CsvSheet.Read(body, charset, errors, ChineseNames, new(string.Join(",", Columns), "代码,名称,类型")) is not { } sheet)
            return [];
        var (header, headerRow) = (sheet.Header, sheet.HeaderRow);
        header.ReportMissing(Columns, headerRow, errors);
        var strays = Enumerable.Range(0, header.Length).Where(i => !Columns.Contains(header.Fields[i])).Select(header.WrittenAt);
        foreach (var column in strays.Concat(header.Fields.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => header.Written(g.Key))))
            errors.Add($"{headerRow}.{column}", new($"is not a column of its own; the columns are {string.Join(",", Columns)} (or 代码,名称,类型), each once.",
                $"不是单独的一列；各列为 代码,名称,类型（或 {string.Join(",", Columns)}），每列一次。"));
        if (errors.Any)
            return [];
        var rows = sheet.Rows;
        if (rows.Count == 0)
        {
            errors.Add("$", CsvSheet.NoRows);
            return [];
        }
        var units = new JsonArray();
        foreach (var row in rows)
        {
            var unit = new JsonObject();
            foreach (var (column, cell) in header.Fields.Zip(row.Fields, (column, cell) => (column, cell.Trim())).Where(c => c.Item2.Length > 0))
                unit[column] = column == "kind" ? ChineseKinds.GetValueOrDefault(cell, cell) : cell;
            units.Add(unit);
            if (row.Fields.Count != header.Length)
                errors.Add($"rows[{row.Line}]", CsvSheet.FieldCount(row.Fields.Count, header.Length));
        }
        var sheetErrors = errors.Renamed(path => path.LastIndexOf('.') is > 0 and var dot ? $"{path[..dot]}.{header.Written(path[(dot + 1)..])}" : path)
            .Reworded(message => message == UnitReader.UnknownKind ? SheetKinds : message);
        return UnitsJsonBatch.Read(JsonSerializer.SerializeToElement(units), sheetErrors, index => $"rows[{rows[index].Line}]");
    }
}
