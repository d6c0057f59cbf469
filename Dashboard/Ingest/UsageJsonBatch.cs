using System.Text.Json;
using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Reads the usage of many stations, <c>[{"stationId": …, "usage": [{"date", "visits"}]}]</c>; errors are keyed like
/// <c>[3].usage[0].visits</c>.
/// </summary>
public static class UsageJsonBatch
{
    private static readonly string[] ItemFields = ["stationId", "usage"];

    /// <summary>Items' errors are keyed by <paramref name="itemPath"/> of their index: <c>[3]</c> unless an import names its rows.</summary>
    public static List<UsageItem> Read(JsonElement root, StationReader reader, ErrorBag errors, Func<int, string>? itemPath = null)
    {
        itemPath ??= index => $"[{index}]";
        var items = new List<UsageItem>();
        if (!FiguresJsonBatch.IsBatch(root, """{"stationId", "usage"}""", errors))
            return items;
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = itemPath(index);
            if (!JsonInput.IsObjectWith(element, path, errors, ItemFields))
            {
                index++;
                continue;
            }
            var at = JsonInput.Join(path, "stationId");
            var stationId = JsonInput.Text(element, "stationId", path, errors, 64);
            if (stationId is not null && !Codes.IsValid(stationId))
            {
                errors.Add(at, Codes.Invalid);
                stationId = null;
            }
            else if (stationId is not null && !firstOf.TryAdd(stationId, index))
            {
                errors.Add(at, new($"'{stationId}' is already at {itemPath(firstOf[stationId])}; list each station once.",
                    $"“{stationId}”已在 {itemPath(firstOf[stationId])} 出现；每个驿站只列一次。"));
                stationId = null;
            }
            var usage = Usage(element, JsonInput.Join(path, "usage"), reader, errors);
            if (stationId is not null && usage is not null)
                items.Add(new UsageItem(at, stationId, usage));
            index++;
        }
        return items;
    }

    private static IReadOnlyList<DailyUsage>? Usage(JsonElement element, string path, StationReader reader, ErrorBag errors)
    {
        if (element.TryGetProperty("usage", out var json))
            return reader.ReadUsage(json, errors.Renamed(p => p == "$" ? path : path + p));
        errors.Add(path, JsonInput.Required);
        return null;
    }
}
