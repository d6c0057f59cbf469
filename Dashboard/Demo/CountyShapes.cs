using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace Coverage.Dashboard.Demo;

/// <summary>Counties' outlines, read from the map's own geometry so demo stations fall inside their county.</summary>
public sealed class CountyShapes(IFileProvider webRoot)
{
    public Dictionary<string, CountyShape> ForProvince(string provinceCode)
    {
        var shapes = new Dictionary<string, CountyShape>();
        var file = webRoot.GetFileInfo($"geo/{provinceCode}.json");
        if (!file.Exists)
            return shapes;
        using var stream = file.CreateReadStream();
        using var geo = JsonDocument.Parse(stream);
        foreach (var feature in geo.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.TryGetProperty("id", out var id) && Ring(feature.GetProperty("geometry")) is { } ring)
                shapes[id.ToString()] = new CountyShape([.. ring.EnumerateArray().Select(p => (p[1].GetDouble(), p[0].GetDouble()))]);
        }
        return shapes;
    }

    /// <summary>The outer ring of the county's polygon, or of its largest one (a mainland rather than its islands).</summary>
    private static JsonElement? Ring(JsonElement geometry)
    {
        var coordinates = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => coordinates[0],
            "MultiPolygon" => coordinates.EnumerateArray().MaxBy(p => p[0].GetArrayLength())[0],
            _ => null,
        };
    }
}
