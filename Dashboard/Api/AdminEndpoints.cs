using Coverage.Dashboard.Auth;
using Coverage.Silo.Rollup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapGet("/consistency", ConsistencyAsync);
        return group;
    }

    /// <summary>Walks the whole tree; lists every org whose totals are not own + Σ children + stations.</summary>
    private static async Task<Ok<ConsistencyReport>> ConsistencyAsync(ConsistencyCheck check, CancellationToken cancellationToken) =>
        TypedResults.Ok(await check.RunAsync(cancellationToken));
}
