using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
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
        ClaimsPrincipal user, TargetStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var targetYear) || !Years.Plausible(targetYear))
            return QueryProblems.Invalid("year", $"'{year}' is not a plausible target year; use a year {Years.Range}.");
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit);
        var errors = new ErrorBag(Languages.Of(request));
        using var json = JsonInput.Parse(body, errors);
        var targets = json is null ? [] : Read(json.RootElement, errors);
        if (errors.Any)
            return Problems.Invalid(errors);
        var stored = await store.PutAsync(code, targetYear, targets,
            set => audit.StatementFor(AuditPayload.For(user, code, AuditActions.TargetsPut, set)));
        return TypedResults.Ok(stored);
    }

    /// <summary>Every target in the body, each checked against its measure; every problem is listed under its field.</summary>
    private static Dictionary<string, double> Read(JsonElement json, ErrorBag errors)
    {
        var targets = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!JsonInput.IsObjectWith(json, "", errors, TargetMeasures.All.Select(t => t.Key).ToList()))
            return targets;
        foreach (var property in json.EnumerateObject())
        {
            if (TargetMeasures.Find(property.Name) is not { } measure)
                continue;
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value))
                errors.Add(property.Name, new("must be a number.", "必须是数字。"));
            else if (!double.IsFinite(value) || value <= 0 || (measure.IsRate && value > 1))
                errors.Add(property.Name, measure.IsRate
                    ? new($"is a rate: give a number above 0 and at most 1 (0.85 for 85%), not {value}.", $"是比率：请填大于 0、至多为 1 的数（85% 填 0.85），而不是 {value}。")
                    : new($"must be a number above 0, not {value}.", $"必须是大于 0 的数，而不是 {value}。"));
            else
                targets[property.Name] = value;
        }
        if (targets.Count == 0 && !errors.Any)
            errors.Add("$", new("sets no target; send e.g. {\"newMembers\": 30000}.", "没有设定任何目标；例如发送 {\"newMembers\": 30000}。"));
        return targets;
    }
}
