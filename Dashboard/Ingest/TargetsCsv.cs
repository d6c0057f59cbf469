using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coverage.Silo.Targets;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// A targets import: columns code (代码), year (年度), optionally name and today's figures (名称, 当前会员人数, 当前入会率;
/// not read), then a column per target measure
/// under its key or its Chinese name (新增会员, 入会率 …). Each filled cell is a target; a row with none is skipped, so a
/// sheet of every child can be sent back with only some rows filled. Errors are keyed rows[LINE].COLUMN.
/// </summary>
public static class TargetsCsv
{
    /// <summary>
    /// The sheet's columns: today's members and membership rate stand beside the targets for whoever sets them, and like
    /// the name they are not read.
    /// </summary>
    public static readonly IReadOnlyList<(string Field, string ChineseName)> Columns =
    [
        ("code", "代码"), ("name", "名称"), ("year", "年度"), ("currentMembers", "当前会员人数"), ("currentMembership", "当前入会率"),
        .. TargetMeasures.All.Select(t => (t.Key, t.Label)),
    ];

    private static readonly Dictionary<string, string> ChineseNames = Columns.ToDictionary(c => c.ChineseName, c => c.Field, StringComparer.Ordinal);

    public static List<TargetsItem> Read(byte[] body, CsvCharset charset, ErrorBag errors)
    {
        if (CsvSheet.Read(body, charset, errors, ChineseNames, new("code,year, then a column per target, like newMembers or membership.",
            "代码,年度，然后每项目标一列，如 新增会员、入会率。")) is not { } sheet)
            return [];
        var (header, headerRow) = (sheet.Header, sheet.HeaderRow);
        header.ReportMissing(["code", "year"], headerRow, errors);
        for (var i = 0; i < header.Length; i++)
        {
            if (!ChineseNames.ContainsValue(header.Fields[i]) || Array.IndexOf(header.Fields, header.Fields[i]) != i)
                errors.Add($"{headerRow}.{header.WrittenAt(i)}", new(
                    $"is not a column of its own; the columns are {string.Join(", ", Columns.Select(c => c.Field))}, each once.",
                    $"不是单独的一列；各列为 {string.Join(",", Columns.Select(c => c.ChineseName))}（或 {string.Join(",", Columns.Select(c => c.Field))}），每列一次。"));
        }
        if (errors.Any)
            return [];
        var targetColumns = Enumerable.Range(0, header.Length).Where(i => TargetMeasures.Find(header.Fields[i]) is not null).ToList();
        var items = new JsonArray();
        var lines = new List<int>();
        foreach (var record in sheet.Rows)
        {
            if (record.Fields.Count != header.Length)
            {
                errors.Add($"rows[{record.Line}]", CsvSheet.FieldCount(record.Fields.Count, header.Length));
                continue;
            }
            var targets = new JsonObject();
            foreach (var column in targetColumns.Where(c => record.Fields[c].Trim().Length > 0))
                targets[header.Fields[column]] = Target(header.Fields[column], record.Fields[column].Trim());
            // A sheet to fill in lists every child; a row with no target filled in sets none.
            if (targets.Count == 0)
                continue;
            var item = new JsonObject { ["targets"] = targets };
            if (Cell(record, header, "code") is { } code)
                item["code"] = code;
            if (Cell(record, header, "year") is { } year)
                item["year"] = SheetCell.Number(year);
            items.Add(item);
            lines.Add(record.Line);
        }
        if (items.Count == 0)
        {
            if (!errors.Any)
                errors.Add("$", sheet.Rows.Count == 0 ? CsvSheet.NoRows : new("has no row with a target filled in; fill in the targets you set.",
                    "没有填写目标的行；请填写要设定的目标。"));
            return [];
        }
        var sheetErrors = errors.Renamed(path => ColumnOf(path, header));
        var read = TargetsJsonBatch.Read(JsonSerializer.SerializeToElement(items), sheetErrors, index => $"rows[{lines[index]}]");
        return [.. read.Select(i => i with { Path = ColumnOf(i.Path, header) })];
    }

    /// <summary>A rate's cell may be a percentage as a spreadsheet shows it (85%); any other cell is judged as the JSON number it reads as.</summary>
    private static JsonNode Target(string field, string cell) =>
        TargetMeasures.Find(field)!.IsRate && cell.EndsWith('%')
            && decimal.TryParse(cell[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)
            ? JsonValue.Create(percent / 100)
            : SheetCell.Number(cell);

    private static string? Cell(CsvRecord record, CsvHeader header, string field) =>
        record.Fields[Array.IndexOf(header.Fields, field)].Trim() is { Length: > 0 } cell ? cell : null;

    /// <summary>An item's path as its row and the column the sheet wrote: rows[4].targets.membership is rows[4].入会率 under a Chinese header.</summary>
    private static string ColumnOf(string path, CsvHeader header)
    {
        var dot = path.IndexOf("].", StringComparison.Ordinal);
        if (dot < 0)
            return path;
        var field = path[(dot + 2)..];
        field = field.StartsWith("targets.", StringComparison.Ordinal) ? field["targets.".Length..] : field;
        return field == "targets" ? path[..(dot + 1)] : $"{path[..(dot + 1)]}.{header.Written(field)}";
    }
}
