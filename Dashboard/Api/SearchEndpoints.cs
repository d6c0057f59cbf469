using System.Security.Claims;
using Coverage.Dashboard.Auth;
using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Silo.Analytics;
using Coverage.Silo.Hierarchy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class SearchEndpoints
{
    /// <summary>Finding orgs by name or code, grassroots units registered at run time included.</summary>
    public static RouteGroupBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Search").RequireAuthorization(Policies.Read).ProducesProblem(StatusCodes.Status400BadRequest);
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/orgs{suffix}", Search)
                .WithSummary("Find orgs by name or code")
                .WithDescription("Example: GET /api/v1/orgs?q=南宁&level=city → {\"items\":[{\"code\":\"450100\",\"name\":\"南宁市\",\"level\":\"city\",…}],\"total\":1}. " +
                    "q matches a code prefix or any part of the name; exact codes first, then code prefixes, name prefixes, other name matches, " +
                    "each from the highest level down and then in the tree's order. " +
                    "Give q, level or both; limit (default 100, at most 5000) and offset page the result. Unless reads are open to all, a key finds " +
                    "only its own org and the orgs below it. CSV: orgs.csv.");
        return group;
    }

    private static async Task<Results<Ok<Page<OrgInfo>>, CsvResult, ProblemHttpResult>> Search(string? q, string? level, string? limit, string? offset,
        HttpRequest request, ClaimsPrincipal user, ReadAccess reads, OrgSearch search)
    {
        OrgLevel? only = null;
        if (level is not null)
        {
            if (!Enum.TryParse<OrgLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return QueryProblems.Invalid("level", $"'{level}' is not a level.", Enum.GetNames<OrgLevel>().Select(n => n.ToLowerInvariant()));
            only = parsed;
        }
        if (string.IsNullOrWhiteSpace(q) && only is null)
            return QueryProblems.Invalid("q", "Say what to look for: a name or code in q (e.g. q=南宁), a level (e.g. level=city), or both.");
        var csv = CsvRequest.Wants(request);
        var (paging, problem) = Paging.Parse(limit, offset, wholeListByDefault: csv);
        if (problem is not null)
            return problem;
        // A key reads its own subtree and nothing else, the names in it included, unless reads are open to all.
        var under = reads.Open ? null : user.OrgOf() is { } org && org != OrgDirectory.NationalCode ? org : null;
        var found = await search.FindAsync(q, only, paging.Limit, paging.Offset, under);
        return csv ? CsvTables.OrgInfos("orgs.csv", found.Items) : TypedResults.Ok(found);
    }
}
