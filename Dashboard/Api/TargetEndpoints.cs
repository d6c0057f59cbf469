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
        group.MapPut("/{year}", PutAsync).Accepts<Dictionary<string, double>>("application/json")
            .WithSummary("Set an org's targets for a year")
            .WithDescription("Example: PUT /api/v1/orgs/450100/targets/2026 {\"newMembers\": 30000, \"membership\": 0.85, \"newEmploymentMembers\": 5000}. " +
                "Set by the org's parent federation. Replaces all targets of that year. newMembers / newEmploymentMembers count from the last history point of the previous year " +
                "(or the year's first point); members and stations are levels; membership, unitCoverage, verification and newEmployment " +
                "are rates in (0, 1]. Summaries then carry attainment = actual / target, behind when below the elapsed fraction of the year.");
        return group;
    }

    private static async Task<Results<Ok<OrgTargets>, ValidationProblem, ProblemHttpResult>> PutAsync(string code, string year, HttpRequest request,
        ClaimsPrincipal user, TargetStore store, AuditLog audit, IOrgDirectory directory, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var targetYear) || !Years.Plausible(targetYear))
            return QueryProblems.Invalid("year", $"'{year}' is not a plausible target year; use a year {Years.Range}.");
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit, Languages.Of(request));
        var errors = new ErrorBag(Languages.Of(request));
        using var json = JsonInput.Parse(body, errors);
        var targets = json is null ? [] : TargetsReader.Read(json.RootElement, "", errors);
        if (errors.Any)
            return Problems.Invalid(errors);
        if (await store.PutAsync(code, targetYear, targets, set => audit.StatementFor(AuditPayload.For(user, code, AuditActions.TargetsPut, set))) is { } stored)
            return TypedResults.Ok(stored);
        return Problems.WriteDropped(code, directory, Languages.Of(request));
    }
}
