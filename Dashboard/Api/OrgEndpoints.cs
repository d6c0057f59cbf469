using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Silo.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class OrgEndpoints
{
    /// <summary>Reads of one org and its direct children, served from the grains' in-memory totals.</summary>
    public static RouteGroupBuilder MapOrgs(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Orgs");
        group.MapGet("/{code}", GetAsync);
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/{{code}}/children{suffix}", ChildrenAsync)
                .WithDescription("Direct children, optionally ranked: ?sort=rates.membership&order=asc (any measure or attainment.*, " +
                    "orgs without a value last). As CSV with Accept: text/csv or children.csv.");
        return group;
    }

    private static async Task<Ok<OrgSummary>> GetAsync(string code, SummaryReader reader) => TypedResults.Ok(await reader.GetAsync(code));

    private static async Task<Results<SerializedJson<OrgSummary[]>, CsvResult, ProblemHttpResult>> ChildrenAsync(string code, string? sort,
        string? order, HttpRequest request, IOrgDirectory directory, SummaryReader reader, ChildrenResponses responses)
    {
        var (sorting, problem) = Sorting.Parse(sort, order);
        if (problem is not null)
            return problem;
        var children = await reader.GetManyAsync(directory.ChildrenOf(code));
        return CsvRequest.Wants(request)
            ? CsvTables.Orgs($"{code}-children.csv", sorting.Apply(children), sorting.Measure)
            : new SerializedJson<OrgSummary[]>(responses.Json(code, sorting, children));
    }
}
