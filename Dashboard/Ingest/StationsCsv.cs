using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// A stations import: one row per station in the columns of the stations export (编号, 名称, 所属组织代码, 纬度, 经度,
/// 24小时开放, 智能站点, 服务设施) or the API's field names, so an exported list can be edited and sent back; the export's
/// visit columns are not read. Errors are keyed rows[LINE].COLUMN.
/// </summary>
public static class StationsCsv
{
    private static readonly string[] Required = ["stationId", "name", "orgCode", "lat", "lon"];

    private static readonly string[] Optional = ["open24h", "smart", "amenities"];

    private static readonly Dictionary<string, string> ChineseNames = new(StringComparer.Ordinal)
    {
        ["编号"] = "stationId", ["名称"] = "name", ["所属组织代码"] = "orgCode", ["纬度"] = "lat", ["经度"] = "lon",
        ["24小时开放"] = "open24h", ["智能站点"] = "smart", ["服务设施"] = "amenities",
    };

    /// <summary>What the export writes beside a station's registration; counted by the stations themselves, so not read back.</summary>
    private static readonly string[] VisitColumns = ["今日服务人次", "近7日服务人次", "近30日服务人次"];

    private static readonly Message SheetFlag = new("must be 是 or 否 (or true, false); an empty cell is 否.", "必须填“是”或“否”（或 true、false）；空白按“否”。");

    public static List<StationItem> Read(byte[] body, CsvCharset charset, ErrorBag errors)
    {
        var items = new List<StationItem>();
        if (CsvSheet.Read(body, charset, errors, ChineseNames, new(
            $"{string.Join(",", Required.Concat(Optional))} (or 编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施).",
            $"编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施（或 {string.Join(",", Required.Concat(Optional))}）。")) is not { } sheet)
            return items;
        var header = sheet.Header;
        if (!HeaderIsValid(header, sheet.HeaderRow, errors))
            return items;
        if (sheet.Rows.Count == 0)
            errors.Add("$", CsvSheet.NoRows);
        var firstAt = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in sheet.Rows)
        {
            var row = $"rows[{record.Line}]";
            if (record.Fields.Count != header.Length)
            {
                errors.Add(row, CsvSheet.FieldCount(record.Fields.Count, header.Length));
                continue;
            }
            var cells = header.Fields.Zip(record.Fields, (column, cell) => (column, cell: cell.Trim()))
                .Where(c => ChineseNames.ContainsValue(c.column) && c.cell.Length > 0).ToDictionary(c => c.column, c => c.cell);
            var idAt = $"{row}.{header.Written("stationId")}";
            var id = cells.GetValueOrDefault("stationId");
            if (id is null)
                errors.Add(idAt, JsonInput.Required);
            else if (!Codes.IsValid(id))
                errors.Add(idAt, Codes.Invalid);
            else if (!firstAt.TryAdd(id, row))
                errors.Add(idAt, new($"'{id}' is already at {firstAt[id]}; list each station once.", $"“{id}”已在 {firstAt[id]} 出现；每个驿站只列一次。"));
            var rowErrors = errors
                .Renamed(path => $"{row}.{header.Written(path.StartsWith("amenities", StringComparison.Ordinal) ? "amenities" : path)}")
                .Reworded(message => message.En.StartsWith(StationReader.FlagRule, StringComparison.Ordinal) ? SheetFlag : message);
            if (StationReader.ReadInfo(ToJson(cells), rowErrors) is { } info && id is not null && Codes.IsValid(id))
                items.Add(new StationItem(idAt, $"{row}.{header.Written("orgCode")}", id, info));
        }
        return items;
    }

    private static bool HeaderIsValid(CsvHeader header, string row, ErrorBag errors)
    {
        var before = errors.Count;
        header.ReportMissing(Required, row, errors);
        for (var i = 0; i < header.Length; i++)
        {
            var field = header.Fields[i];
            if (!Required.Contains(field) && !Optional.Contains(field) && !VisitColumns.Contains(field))
                errors.Add($"{row}.{header.WrittenAt(i)}", new($"is not a known column; expected {string.Join(",", Required.Concat(Optional))} " +
                    "or the export's 编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施 (its visit columns are not read).",
                    $"不是可识别的列；可用的列为导出表的 编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施（其服务人次列不读取），或 {string.Join(",", Required.Concat(Optional))}。"));
            else if (Array.IndexOf(header.Fields, field) != i)
                errors.Add($"{row}.{header.WrittenAt(i)}", JsonInput.Repeated);
        }
        return errors.Count == before;
    }

    /// <summary>The row as a registration as the API takes it; an empty cell is left out, so a required one is reported missing.</summary>
    private static JsonElement ToJson(Dictionary<string, string> cells)
    {
        var json = new JsonObject();
        foreach (var (field, cell) in cells.Where(c => c.Key != "stationId"))
        {
            json[field] = field switch
            {
                "lat" or "lon" => SheetCell.Number(cell),
                "open24h" or "smart" => cell switch
                {
                    "是" => true,
                    "否" => false,
                    _ when bool.TryParse(cell, out var flag) => flag,
                    _ => cell,
                },
                "amenities" => new JsonArray([.. cell.Split(['、', '，', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(a => (JsonNode)a)]),
                _ => cell,
            };
        }
        return JsonSerializer.SerializeToElement(json);
    }
}
