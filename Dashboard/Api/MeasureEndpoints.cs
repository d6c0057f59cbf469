using Coverage.Silo.Analytics;

namespace Coverage.Dashboard.Api;

public static class MeasureEndpoints
{
    /// <summary>The catalogue of measures with their Chinese names, so the page and exports call each measure the same.</summary>
    public static RouteGroupBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Measures");
        group.MapGet("/measures", () => TypedResults.Ok(Catalogue))
            .WithSummary("Every measure a list can be sorted by, with its Chinese name")
            .WithDescription("Example: GET /api/v1/measures → [{\"name\":\"rates.membership\",\"label\":\"入会率\",\"unit\":\"ratio\"," +
                "\"hasHistory\":true}, …]. unit: count, ratio (0.5 = 50 %) or number (such as visits per station); hasHistory: " +
                "whether /timeseries can show it.");
        return group;
    }

    private static readonly MeasureInfo[] Catalogue = [.. Measures.All.Select(m => new MeasureInfo(m.Name, m.Label, m.Unit, m.HasHistory))];

    public sealed record MeasureInfo(string Name, string Label, MeasureUnit Unit, bool HasHistory);
}
