using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Export;
using Coverage.Silo.Analytics;
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
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/{{code}}/children{suffix}", ChildrenAsync)
                .WithDescription("Direct children, optionally ranked: ?sort=rates.membership&order=asc (any measure or attainment.*, " +
                    "orgs without a value last). As CSV with Accept: text/csv or children.csv.")
                .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<OrgSummary>, ProblemHttpResult>> GetAsync(string code, IOrgDirectory directory, SummaryReader reader) =>
        directory.Find(code) is null
            ? Problems.UnknownOrg(code)
            : TypedResults.Ok(await reader.GetAsync(code));

    private static async Task<Results<Ok<OrgSummary[]>, CsvResult, ProblemHttpResult>> ChildrenAsync(string code, string? sort, string? order,
        HttpRequest request, IOrgDirectory directory, SummaryReader reader)
    {
        if (directory.Find(code) is null)
            return Problems.UnknownOrg(code);
        var (sorting, problem) = Sorting.Parse(sort, order);
        if (problem is not null)
            return problem;
        var children = sorting.Apply(await reader.GetManyAsync(directory.ChildrenOf(code)));
        return CsvRequest.Wants(request)
            ? CsvTables.Orgs($"{code}-children.csv", children, sorting.Measure)
            : TypedResults.Ok(children.ToArray());
    }
}
