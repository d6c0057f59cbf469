using Coverage.Dashboard.Demo;
using Coverage.Dashboard.Auth;

namespace Coverage.Dashboard.Api;

public static class InfoEndpoints
{
    /// <summary>What the page needs to know before it starts: whether it shows demo data and whether reads need a key.</summary>
    public static RouteGroupBuilder MapInfo(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Info");
        group.MapGet("/info", (DemoStatus demo, ReadAccess reads) =>
            TypedResults.Ok(new ServiceInfo(demo.IsDemo, demo.Phase, Math.Round(demo.Progress, 3), reads.Open)));
        return group;
    }

    public sealed record ServiceInfo(bool Demo, DemoPhase DemoPhase, double DemoProgress, bool AnonymousRead);
}
