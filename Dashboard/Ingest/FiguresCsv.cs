using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coverage.Contracts;
using Coverage.Silo.Analytics;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// A figures import: a header naming the columns, then one row per org; errors are keyed rows[LINE].COLUMN. A name column
/// is for the person filling the sheet and is not read; a row with no figures filled in is skipped.
/// </summary>
public static class FiguresCsv
{
    private static readonly string[] SheetDateForms =
        ["yyyy/M/d H:mm", "yyyy/M/d H:mm:ss", "yyyy-M-d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d", "yyyy-M-d"];

    private static readonly Message SheetAsOfForm = new("must be a date and time as a spreadsheet writes it, like 2026/11/20 9:30 or " +
        "2026/11/20 (read as China time), or ISO 8601 with an offset, like 2026-11-20T09:30:00+08:00.",
        "必须是表格软件写出的日期时间，如 2026/11/20 9:30 或 2026/11/20（按北京时间），或带时区的 ISO 8601 格式，如 2026-11-20T09:30:00+08:00。");

    private static readonly string[] Required = ["code", "asOf", "employees", "members", "verifiedMembers", "unitsRequired", "unitsUnionized"];

    private static readonly Dictionary<string, string> ChineseNames = ChineseNamesOfColumns();

    private static readonly Dictionary<string, string> ChineseNameOf = ChineseNames.ToDictionary(c => c.Value, c => c.Key);

    /// <summary>Every column a figures sheet can hold, in the order a sheet to fill in lists them, with its Chinese name.</summary>
    public static readonly IReadOnlyList<(string Field, string ChineseName)> Columns =
    [
        .. new[] { "code", "name" }.Concat(Required.Skip(1))
            .Concat(NewEmploymentGroups.All.SelectMany(g => new[] { $"{g}.workers", $"{g}.members" }))
            .Select(field => (field, ChineseNameOf[field])),
    ];

    public static List<FiguresItem> Read(byte[] body, CsvCharset charset, FiguresReader reader, ErrorBag errors)
    {
        var items = new List<FiguresItem>();
        if (CsvSheet.Read(body, charset, errors, ChineseNames, new($"{string.Join(",", Required)},courier.workers,courier.members,…",
            "代码,截至时间,职工人数,会员人数,实名认证会员,应建会单位数,已建会单位数,快递员人数,快递员会员,…")) is not { } sheet)
            return items;
        var header = sheet.Header;
        if (!HeaderIsValid(header, sheet.HeaderRow, errors))
            return items;
        if (sheet.Rows.Count == 0)
            errors.Add("$", CsvSheet.NoRows);
        var cellErrors = errors.Reworded(message => message == FiguresReader.AsOfForm ? SheetAsOfForm : message);
        foreach (var record in sheet.Rows)
        {
            var row = $"rows[{record.Line}]";
            if (record.Fields.Count < header.Length)
            {
                errors.Add($"{row}.{header.WrittenAt(record.Fields.Count)}", new(
                    $"is missing: the row ends after {record.Fields.Count} fields, and the header has {header.Length}.",
                    $"缺失：该行只有 {record.Fields.Count} 个单元格，而表头有 {header.Length} 列。"));
                continue;
            }
            if (record.Fields.Count > header.Length)
            {
                errors.Add(row, new(
                    $"has {record.Fields.Count} fields, and the header has {header.Length}: the cells after column '{header.WrittenAt(header.Length - 1)}' belong to no column.",
                    $"有 {record.Fields.Count} 个单元格，而表头有 {header.Length} 列：“{header.WrittenAt(header.Length - 1)}”列之后的单元格不属于任何列。"));
                continue;
            }
            var cells = header.Fields.Zip(record.Fields, (column, cell) => (column, cell: cell.Trim())).ToList();
            // A sheet lists every org that may report (see FiguresSheet); a row whose figures are all blank was not filled in.
            if (cells.All(c => c.column is "code" or "name" || c.cell.Length == 0))
                continue;
            var code = cells.First(c => c.column == "code").cell;
            if (code.Length == 0)
                errors.Add($"{row}.{header.Written("code")}", JsonInput.Required);
            var json = JsonSerializer.SerializeToElement(ToJson(cells));
            var rowErrors = cellErrors.Renamed(path => $"{row}.{header.Written(path.StartsWith("newEmployment.", StringComparison.Ordinal) ? path["newEmployment.".Length..] : path)}");
            if (reader.Read(json, "", rowErrors) is { } figures && code.Length > 0)
                items.Add(new FiguresItem($"{row}.{header.Written("code")}", $"{row}.{header.Written("asOf")}", code, figures));
        }
        if (sheet.Rows.Count > 0 && items.Count == 0 && !errors.Any)
            errors.Add("$", new("has no row with figures filled in; fill in asOf and the figures of the orgs you report.",
                "没有填写数据的行；请为上报的组织填写截至时间和各项数据。"));
        return items;
    }

    private static bool HeaderIsValid(CsvHeader header, string row, ErrorBag errors)
    {
        var before = errors.Count;
        header.ReportMissing(Required, row, errors);
        for (var i = 0; i < header.Length; i++)
        {
            var parts = header.Fields[i].Split('.');
            if (!Required.Contains(header.Fields[i]) && header.Fields[i] != "name" &&
                (parts.Length != 2 || !NewEmploymentGroups.IsKnown(parts[0]) || parts[1] is not ("workers" or "members")))
                errors.Add($"{row}.{header.WrittenAt(i)}", new(
                    $"is not a known column; expected {string.Join(",", Required)} and GROUP.workers, GROUP.members for groups {string.Join(", ", NewEmploymentGroups.All)}, or the Chinese names the exports use (代码, 截至时间, 职工人数, 会员人数, 快递员人数, 快递员会员 …).",
                    "不是可识别的列；可用的列为导出表所用的中文列名（代码、截至时间、职工人数、会员人数、实名认证会员、应建会单位数、已建会单位数、快递员人数、快递员会员 …），" +
                    $"或 {string.Join(",", Required)} 与各群体的 GROUP.workers、GROUP.members。"));
        }
        foreach (var repeated in header.Fields.GroupBy(c => c).Where(g => g.Count() > 1))
            errors.Add($"{row}.{header.Written(repeated.Key)}", JsonInput.Repeated);
        return errors.Count == before;
    }

    /// <summary>The Chinese names the exports give the fields a figures sheet holds, with 代码 and 截至时间 for code and asOf.</summary>
    private static Dictionary<string, string> ChineseNamesOfColumns()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["代码"] = "code", ["名称"] = "name", ["截至时间"] = "asOf" };
        foreach (var measure in Measures.WithHistory.Where(m => m.Name.StartsWith("totals.", StringComparison.Ordinal)))
        {
            var column = measure.Name["totals.".Length..].Split('.') switch
            {
                [var own] when Required.Contains(own) => own,
                ["newEmployment", var group, var count] => $"{group}.{count}",
                _ => null,
            };
            if (column is not null)
                names[measure.Label] = column;
        }
        return names;
    }

    /// <summary>The row as a figures object; empty cells are left out, so a required one is reported missing and an empty group is absent.</summary>
    private static JsonObject ToJson(List<(string column, string cell)> cells)
    {
        var json = new JsonObject();
        var groups = new JsonObject();
        foreach (var (column, cell) in cells.Where(c => c.column is not ("code" or "name") && c.cell.Length > 0))
        {
            var value = column == "asOf" ? JsonValue.Create(AsOf(cell)) : SheetCell.Number(cell);
            if (column.Split('.') is [var group, var field])
                ((groups[group] ??= new JsonObject()).AsObject())[field] = value;
            else
                json[column] = value;
        }
        if (groups.Count > 0)
            json["newEmployment"] = groups;
        return json;
    }

    /// <summary>
    /// An asOf cell as ISO 8601. A spreadsheet turns a typed date and time into its own form without an offset
    /// (2026/11/20 9:30), which is read as China Standard Time, a date alone as its midnight; a cell with an offset is kept.
    /// </summary>
    private static string AsOf(string cell) =>
        DateTime.TryParseExact(cell, SheetDateForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, ChinaClock.Offset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)
            : cell;
}
