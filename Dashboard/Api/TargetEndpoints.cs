using System.Globalization;
using System.Security.Claims;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Contracts;
using Coverage.Silo.Audit;
using Coverage.Silo.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class TargetEndpoints
{
    /// <summary>
    /// Setting an org's yearly targets. Targets are set by the org's parent federation (a province for its cities, a city for
    /// its counties), so this group is where that authorization policy belongs.
    /// </summary>
    public static RouteGroupBuilder MapTargets(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orgs/{code}/targets").WithTags("Targets")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate)
            .AddEndpointFilter(new OrgScopeFilter("code", forReads: false, byParent: true))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{year}", PutAsync)
            .WithSummary("Set an org's targets for a year")
            .WithDescription("Example: PUT /api/v1/orgs/450100/targets/2026 {\"newMembers\": 30000, \"membership\": 0.85, \"newEmploymentMembers\": 5000}. " +
                "Set by the org's parent federation. Replaces all targets of that year. newMembers / newEmploymentMembers count from the last history point of the previous year " +
                "(or the year's first point); members and stations are levels; membership, unitCoverage, verification and newEmployment " +
                "are rates in (0, 1]. Summaries then carry attainment = actual / target, behind when below the elapsed fraction of the year.");
        return group;
    }

    private static async Task<Results<Ok<OrgTargets>, ProblemHttpResult>> PutAsync(string code, string year, Dictionary<string, double> targets,
        ClaimsPrincipal user, TargetStore store, AuditLog audit)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var targetYear) || targetYear is < 2000 or > 2100)
            return QueryProblems.Invalid("year", $"'{year}' is not a plausible target year; use a year between 2000 and 2100.");
        if (targets.Count == 0)
            return QueryProblems.Invalid("targets", "The body sets no target; send e.g. {\"newMembers\": 30000}.", TargetMeasures.All.Select(t => t.Key));
        foreach (var (key, value) in targets)
        {
            if (TargetMeasures.Find(key) is not { } measure)
                return QueryProblems.Invalid(key, $"'{key}' is not a target measure; use the keys listed in 'valid'.", TargetMeasures.All.Select(t => t.Key));
            if (!double.IsFinite(value) || value <= 0 || (measure.IsRate && value > 1))
                return QueryProblems.Invalid(key, measure.IsRate
                    ? $"The {key} target is a rate: give a number above 0 and at most 1 (0.85 for 85%), not {value}."
                    : $"The {key} target must be a number above 0, not {value}.");
        }
        var stored = await store.PutAsync(code, targetYear, targets);
        await audit.AppendAsync(AuditPayload.For(user, code, "targets.put", stored));
        return TypedResults.Ok(stored);
    }
}
