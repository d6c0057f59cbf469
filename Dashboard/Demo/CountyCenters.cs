using System.Text.Json;
using Microsoft.Extensions.FileProviders;

namespace Coverage.Dashboard.Demo;

/// <summary>Approximate centres of counties, read from the map's own geometry so demo stations fall inside their county.</summary>
public sealed class CountyCenters(IFileProvider webRoot)
{
    public Dictionary<string, (double Lat, double Lon)> ForProvince(string provinceCode)
    {
        var centers = new Dictionary<string, (double, double)>();
        var file = webRoot.GetFileInfo($"geo/{provinceCode}.json");
        if (!file.Exists)
            return centers;
        using var stream = file.CreateReadStream();
        using var geo = JsonDocument.Parse(stream);
        foreach (var feature in geo.RootElement.GetProperty("features").EnumerateArray())
        {
            if (feature.TryGetProperty("id", out var id) && Ring(feature.GetProperty("geometry")) is { } ring)
                centers[id.ToString()] = Center(ring);
        }
        return centers;
    }

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

    private static (double Lat, double Lon) Center(JsonElement ring)
    {
        double lat = 0, lon = 0;
        var count = 0;
        foreach (var point in ring.EnumerateArray())
        {
            lon += point[0].GetDouble();
            lat += point[1].GetDouble();
            count++;
        }
        return (lat / count, lon / count);
    }
}
