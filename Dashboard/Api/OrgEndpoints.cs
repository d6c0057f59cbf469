using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Grains;
using Coverage.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class OrgEndpoints
{
    /// <summary>Reads of one org and its direct children, served from the grains' in-memory totals.</summary>
    public static RouteGroupBuilder MapOrgs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orgs").WithTags("Orgs")
            .RequireAuthorization(Policies.Read).AddEndpointFilter(new OrgScopeFilter("code", forReads: true));
        group.MapGet("/{code}", GetAsync);
        group.MapGet("/{code}/children", ChildrenAsync);
        return group;
    }

    private static async Task<Results<Ok<OrgSummary>, ProblemHttpResult>> GetAsync(string code, IOrgDirectory directory, IGrainFactory grains) =>
        directory.Find(code) is null
            ? Problems.UnknownOrg(code)
            : TypedResults.Ok(await grains.GetGrain<IOrgGrain>(code).GetSummary());

    private static async Task<Results<Ok<OrgSummary[]>, ProblemHttpResult>> ChildrenAsync(string code, IOrgDirectory directory, IGrainFactory grains) =>
        directory.Find(code) is null
            ? Problems.UnknownOrg(code)
            : TypedResults.Ok(await Task.WhenAll(directory.ChildrenOf(code).Select(c => grains.GetGrain<IOrgGrain>(c.Code).GetSummary())));
}
