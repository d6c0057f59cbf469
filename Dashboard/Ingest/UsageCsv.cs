using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// A station usage import: a column of station ids, a column of names for the person filling the sheet (not read), and a
/// column per day headed with its date. Each filled cell is that station's visits that day; a row with none filled is
/// skipped. Errors are keyed rows[LINE].COLUMN.
/// </summary>
public static partial class UsageCsv
{
    /// <summary>A day's heading as the sheet to fill in writes it, or as a spreadsheet rewrites a date it recognised.</summary>
    private static readonly string[] DayForms = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d"];

    private static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        ["编号"] = "stationId", ["站点编号"] = "stationId", ["名称"] = "name", ["站点名称"] = "name",
    };

    public static List<UsageItem> Read(byte[] body, CsvCharset charset, StationReader reader, ErrorBag errors)
    {
        if (CsvSheet.Read(body, charset, errors, ChineseNames, new("stationId (or 编号), then a column per day headed with its date, like 2026-11-20.",
            "编号（或 stationId），然后每天一列，以日期为列名，如 2026-11-20。")) is not { } sheet)
            return [];
        var header = sheet.Header;
        if (Days(header, sheet.HeaderRow, reader.UsageWindow(), errors) is not { } days)
            return [];
        var idColumn = Array.IndexOf(header.Fields, "stationId");
        var stations = new JsonArray();
        var lines = new List<int>();
        var columnsOfRow = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var record in sheet.Rows)
        {
            var row = $"rows[{record.Line}]";
            if (record.Fields.Count != header.Length)
            {
                errors.Add(row, CsvSheet.FieldCount(record.Fields.Count, header.Length));
                continue;
            }
            var filled = days.Where(d => record.Fields[d.Column].Trim().Length > 0).ToList();
            // A sheet to fill in lists every station that reports by hand; a row with no day filled in was not reported.
            if (filled.Count == 0)
                continue;
            var station = new JsonObject();
            if (record.Fields[idColumn].Trim() is { Length: > 0 } id)
                station["stationId"] = id;
            station["usage"] = new JsonArray([.. filled.Select(d => new JsonObject
            {
                ["date"] = Aggregate.Day(d.Date), ["visits"] = SheetCell.Number(record.Fields[d.Column].Trim()),
            })]);
            stations.Add(station);
            lines.Add(record.Line);
            columnsOfRow[row] = [.. filled.Select(d => header.WrittenAt(d.Column))];
        }
        if (stations.Count == 0)
        {
            if (!errors.Any)
                errors.Add("$", sheet.Rows.Count == 0 ? CsvSheet.NoRows : new("has no row with visits filled in; fill in the visits of the days you report.",
                    "没有填写服务人次的行；请填写所报日期的服务人次。"));
            return [];
        }
        var sheetErrors = errors.Renamed(path => ColumnOf(path, header, columnsOfRow));
        var items = UsageJsonBatch.Read(JsonSerializer.SerializeToElement(stations), reader, sheetErrors, index => $"rows[{lines[index]}]");
        // Errors found later, about a station rather than its cells, are keyed by the item's path: its row and id column.
        return [.. items.Select(i => i with { Path = ColumnOf(i.Path, header, columnsOfRow) })];
    }

    /// <summary>The columns headed with a day, each a day still kept; null when the header has any fault, each one listed.</summary>
    private static List<(int Column, DateOnly Date)>? Days(CsvHeader header, string row, (DateOnly Oldest, DateOnly Today) window, ErrorBag errors)
    {
        var before = errors.Count;
        var days = new List<(int Column, DateOnly Date)>();
        header.ReportMissing(["stationId"], row, errors);
        for (var i = 0; i < header.Length; i++)
        {
            var at = $"{row}.{header.WrittenAt(i)}";
            if (header.Fields[i] is "stationId" or "name")
            {
                if (Array.IndexOf(header.Fields, header.Fields[i]) != i)
                    errors.Add(at, JsonInput.Repeated);
            }
            else if (!DateOnly.TryParseExact(header.WrittenAt(i), DayForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                errors.Add(at, new("is neither stationId (编号), name (名称) nor a day like 2026-11-20.", "既不是编号、名称，也不是日期（如 2026-11-20）。"));
            else if (date < window.Oldest || date > window.Today)
                errors.Add(at, new($"is not a day still kept: days from {window.Oldest:yyyy-MM-dd} to today ({window.Today:yyyy-MM-dd}, China Standard Time) are.",
                    $"不在保存的日期范围内：可报 {window.Oldest:yyyy-MM-dd} 至今天（北京时间 {window.Today:yyyy-MM-dd}）。"));
            else if (days.Any(d => d.Date == date))
                errors.Add(at, new("names a day another column names already.", "与另一列是同一天。"));
            else
                days.Add((i, date));
        }
        if (days.Count == 0 && errors.Count == before)
            errors.Add(row, new("has no column for a day; head each day's column with its date, like 2026-11-20.", "没有日期列；请以日期作为每天一列的列名，如 2026-11-20。"));
        return errors.Count == before ? days : null;
    }

    /// <summary>An item's path as its row and the column the sheet wrote: rows[4].usage[1].visits is the row's second filled day.</summary>
    private static string ColumnOf(string path, CsvHeader header, Dictionary<string, string[]> columnsOfRow)
    {
        if (UsagePath().Match(path) is { Success: true } usage)
            return $"{usage.Groups[1].Value}.{columnsOfRow[usage.Groups[1].Value][int.Parse(usage.Groups[2].Value, CultureInfo.InvariantCulture)]}";
        if (path.EndsWith(".stationId", StringComparison.Ordinal))
            return $"{path[..^".stationId".Length]}.{header.Written("stationId")}";
        return path.EndsWith(".usage", StringComparison.Ordinal) ? path[..^".usage".Length] : path;
    }

    [GeneratedRegex(@"^(rows\[\d+\])\.usage\[(\d+)\]\.(?:date|visits)$")]
    private static partial Regex UsagePath();
}
