using System.Security.Claims;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class TargetBatchEndpoints
{
    /// <summary>A federation's targets for many of the orgs below it, as JSON or from a sheet: all of them set, or none.</summary>
    public static RouteGroupBuilder MapTargetBatches(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Targets")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate);
        group.MapPost("/targets:batch", BatchAsync)
            .WithSummary("Set many orgs' targets at once")
            .WithDescription($"[{{\"code\", \"year\", \"targets\": {{\"newMembers\": 30000, \"membership\": 0.85}}}}], up to {FiguresJsonBatch.MaxItems} " +
                "items, each as PUT /api/v1/orgs/{code}/targets/{year} takes it: it replaces that org's targets of that year, and the key must " +
                "reach the org's parent federation, which sets them. All of them or none; answers how many were set and how many of those were unchanged.");
        group.MapPost("/targets:import", ImportAsync)
            .WithSummary("Set targets from a sheet")
            .WithDescription("text/csv: a header 代码,名称,年度 (or code,name,year; 名称 is not read), then a column per target under its " +
                "Chinese name or key (新增会员 or newMembers, 入会率 or membership …); a rate may be written as 85% or 0.85. Rows with no " +
                "target filled in are skipped. GET /api/v1/orgs/{code}/targets.csv gives such a sheet of an org's children to fill in.");
        return group;
    }

    private static Task<Results<Ok<TargetsBatchResult>, ValidationProblem, ProblemHttpResult>> BatchAsync(HttpRequest request, ClaimsPrincipal user,
        TargetBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, (json, errors) => TargetsJsonBatch.Read(json, errors),
            (items, errors) => batch.SetAsync(items, errors, user, AuditActions.TargetsBatch), cancellationToken);

    private static Task<Results<Ok<TargetsBatchResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(HttpRequest request, ClaimsPrincipal user,
        TargetBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromCsvAsync(request, TargetsCsv.Read, (items, errors) => batch.SetAsync(items, errors, user, AuditActions.TargetsImport), cancellationToken);
}
