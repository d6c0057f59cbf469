using System.Text.Json;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Reads a batch of station registrations, <c>[{"stationId", "orgCode", "name", "lat", "lon", …}]</c>, each item a
/// registration as PUT /api/v1/stations/{stationId} takes it with its id beside; errors are keyed like <c>[3].lat</c>.
/// </summary>
public static class StationsJsonBatch
{
    private static readonly IReadOnlyList<string> ItemFields = ["stationId", .. StationReader.Fields];

    public static List<StationItem> Read(JsonElement root, ErrorBag errors)
    {
        var items = new List<StationItem>();
        if (!FiguresJsonBatch.IsBatch(root, """{"stationId", "orgCode", "name", "lat", "lon", …}""", errors))
            return items;
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = $"[{index}]";
            var at = JsonInput.Join(path, "stationId");
            var stationId = element.ValueKind == JsonValueKind.Object ? JsonInput.Text(element, "stationId", path, errors, 64) : null;
            if (stationId is not null && !Codes.IsValid(stationId))
            {
                errors.Add(at, Codes.Invalid);
                stationId = null;
            }
            else if (stationId is not null && !firstOf.TryAdd(stationId, index))
            {
                errors.Add(at, new($"'{stationId}' is already at [{firstOf[stationId]}]; list each station once.",
                    $"“{stationId}”已在 [{firstOf[stationId]}] 出现；每个驿站只列一次。"));
                stationId = null;
            }
            var info = StationReader.ReadInfo(element, errors.Renamed(p => p == "$" ? path : JsonInput.Join(path, p)), ItemFields);
            if (stationId is not null && info is not null)
                items.Add(new StationItem(at, JsonInput.Join(path, "orgCode"), stationId, info));
            index++;
        }
        return items;
    }
}
