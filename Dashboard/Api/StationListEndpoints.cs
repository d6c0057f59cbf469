using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Silo.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class StationListEndpoints
{
    /// <summary>The service stations in an org's subtree with their usage, paged and filtered.</summary>
    public static RouteGroupBuilder MapStationLists(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Stations");
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/{{code}}/stations{suffix}", StationsAsync)
                .WithSummary("List the stations in an org's subtree")
                .WithDescription("Example: GET /api/v1/orgs/450100/stations?open24h=true&smart=true&limit=50&offset=0 → " +
                    "{\"items\":[{\"id\":\"gx-nn-0001\",\"orgCode\":\"450102\",\"name\":\"兴宁区朝阳驿站\",\"open24h\":true,\"smart\":true," +
                    "\"visits\":{\"today\":35,\"last7Days\":240,\"last30Days\":1012},…}],\"total\":1}. Ordered by id. " +
                    "CSV (stations.csv or Accept: text/csv) lists every match unless limit is given.");
        return group;
    }

    private static async Task<Results<Ok<Page<StationSummary>>, CsvResult, ProblemHttpResult>> StationsAsync(string code, string? open24h, string? smart,
        string? limit, string? offset, HttpRequest request, StationIndex stations)
    {
        var csv = CsvRequest.Wants(request);
        var (paging, problem) = Paging.Parse(limit, offset, wholeListByDefault: csv);
        var (onlyOpen24h, open24hProblem) = Filter("open24h", open24h);
        var (onlySmart, smartProblem) = Filter("smart", smart);
        if ((problem ?? open24hProblem ?? smartProblem) is { } invalid)
            return invalid;
        var ids = await stations.IdsInSubtreeAsync(code);
        IReadOnlyList<StationSummary> page;
        int total;
        if (onlyOpen24h is null && onlySmart is null)
        {
            // Without filters only the page's stations need reading, not every station of a province or the nation.
            (page, total) = (await stations.SummariesAsync(paging.Apply(ids)), ids.Count);
        }
        else
        {
            var matching = (await stations.SummariesAsync(ids))
                .Where(s => (onlyOpen24h is null || s.Open24h == onlyOpen24h) && (onlySmart is null || s.Smart == onlySmart))
                .ToList();
            (page, total) = (paging.Apply(matching).ToList(), matching.Count);
        }
        return csv ? CsvTables.Stations($"{code}-stations.csv", page) : TypedResults.Ok(new Page<StationSummary>(page, total));
    }

    private static (bool? Value, ProblemHttpResult? Problem) Filter(string parameter, string? value) =>
        value is null ? (null, null)
        : bool.TryParse(value, out var parsed) ? (parsed, null)
        : (null, QueryProblems.Invalid(parameter, $"{parameter} is true or false, not '{value}'; leave it out to list both.", ["true", "false"]));
}
