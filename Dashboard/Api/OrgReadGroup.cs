using Coverage.Dashboard.Auth;

namespace Coverage.Dashboard.Api;

public static class OrgReadGroup
{
    /// <summary>A group of reads under /api/v1/orgs/{code}: the read policy, the org's scope, and the problems every such read can answer.</summary>
    public static RouteGroupBuilder MapOrgReads(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup("/api/v1/orgs").WithTags(tag)
            .RequireAuthorization(Policies.Read).AddEndpointFilter(new OrgScopeFilter("code", forReads: true))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
}
