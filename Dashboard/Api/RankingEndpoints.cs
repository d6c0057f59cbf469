using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Api;

public static class RankingEndpoints
{
    /// <summary>Rankings over a whole subtree (every county of a province), from the grains' in-memory summaries.</summary>
    public static RouteGroupBuilder MapRankings(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Rankings");
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/{{code}}/descendants{suffix}", DescendantsAsync)
                .WithSummary("Rank every org of one level below an org")
                .WithDescription("Example: GET /api/v1/orgs/450000/descendants?level=county&sort=rates.membership&order=desc&limit=10 → " +
                    "{\"items\":[{\"code\":\"450102\",\"name\":\"兴宁区\",\"rates\":{\"membership\":0.61,…},…}],\"total\":111}. " +
                    "level: province|city|county|grassroots (default county); sort: any measure (default rates.membership) or attainment.*; " +
                    "orgs without a value come last. As CSV (descendants.csv or Accept: text/csv) the whole ranking unless limit is given. " +
                    "A ranking reads at most Rankings:MaxOrgs orgs (default 100,000); past it, 400 names the narrower orgs to rank one at a time.");
        return group;
    }

    private static async Task<Results<Ok<Page<OrgSummary>>, CsvResult, ProblemHttpResult>> DescendantsAsync(string code, string? level,
        string? sort, string? order, string? limit, string? offset, HttpRequest request, IOrgDirectory directory, SummaryReader reader,
        IOptions<RankingOptions> options)
    {
        if (directory.Find(code) is not { } org)
            return Problems.UnknownOrg(code, directory, Languages.Of(request));
        var levels = Enum.GetValues<OrgLevel>().Where(l => l > org.Level).ToList();
        if (!Enum.TryParse<OrgLevel>(level ?? nameof(OrgLevel.County), ignoreCase: true, out var depth) || !levels.Contains(depth))
            return QueryProblems.Invalid("level", $"'{level ?? "county"}' is not a level below {org.Name} ({org.Level}).",
                levels.Select(l => l.ToString().ToLowerInvariant()));
        var (sorting, sortProblem) = Sorting.Parse(sort, order, "rates.membership");
        if (sortProblem is not null)
            return sortProblem;
        var csv = CsvRequest.Wants(request);
        var (paging, pagingProblem) = Paging.Parse(limit, offset, wholeListByDefault: csv);
        if (pagingProblem is not null)
            return pagingProblem;
        var descendants = reader.Descendants(code, depth);
        if (descendants.Count > options.Value.MaxOrgs)
        {
            var (wanted, narrower) = (depth.ToString().ToLowerInvariant(), (org.Level + 1).ToString().ToLowerInvariant());
            var instead = depth > org.Level + 1
                ? $"Rank those of one {narrower} at a time (/api/v1/orgs/{{code}}/descendants?level={wanted} with each {narrower}'s code), or rank a level above."
                : "An administrator can raise Rankings:MaxOrgs.";
            return QueryProblems.Invalid("level", $"{org.Name} has {descendants.Count:N0} orgs at level {wanted}, more than one ranking reads " +
                $"({options.Value.MaxOrgs:N0}, Rankings:MaxOrgs). {instead}");
        }
        var ranked = sorting.Apply(await reader.GetManyAsync(descendants));
        var page = paging.Apply(ranked).ToList();
        return csv
            ? CsvTables.Orgs($"{code}-{depth.ToString().ToLowerInvariant()}-ranking.csv", page, sorting.Measure)
            : TypedResults.Ok(new Page<OrgSummary>(page, ranked.Count));
    }
}
