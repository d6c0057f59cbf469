using System.Security.Claims;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class UsageEndpoints
{
    /// <summary>Daily visits of many stations at once, as JSON or as a sheet: all of them written, or none.</summary>
    public static RouteGroupBuilder MapStationUsage(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stations").WithTags("Stations")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate);
        group.MapPost("/usage:batch", BatchAsync)
            .WithSummary("Report many stations' daily visits at once")
            .WithDescription($"[{{\"stationId\", \"usage\": [{{\"date\": \"2026-11-20\", \"visits\": 37}}]}}], up to {FiguresJsonBatch.MaxItems} " +
                "stations, each as POST /api/v1/stations/{stationId}/usage takes it (a later report for a day replaces it); all of them or none.");
        group.MapPost("/usage:import", ImportAsync)
            .WithSummary("Report stations' daily visits from a sheet")
            .WithDescription("text/csv: a header stationId (or 编号), optionally name (名称, not read), then a column per day headed with " +
                "its date (2026-11-20, or 2026/11/20 as a spreadsheet rewrites it); one row per station, each filled cell its visits that " +
                "day. Rows with no day filled in are skipped. GET /api/v1/orgs/{code}/usage.csv gives such a sheet to fill in.");
        return group;
    }

    private static async Task<Results<Ok<UsageBatchResult>, ValidationProblem, ProblemHttpResult>> BatchAsync(HttpRequest request,
        ClaimsPrincipal user, StationReader reader, UsageBatch batch, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, FigureEndpoints.BatchLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.BatchLimit);
        var errors = new ErrorBag();
        using var json = JsonInput.Parse(body, errors);
        var items = json is null ? [] : UsageJsonBatch.Read(json.RootElement, reader, errors);
        return await batch.ApplyAsync(items, errors, user, AuditActions.UsageBatch, cancellationToken);
    }

    private static async Task<Results<Ok<UsageBatchResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(HttpRequest request,
        ClaimsPrincipal user, StationReader reader, UsageBatch batch, CancellationToken cancellationToken)
    {
        if (!CsvContentType.TryRead(request, out var charset, out var unsupported))
            return unsupported;
        if (await RequestBody.ReadAsync(request, FigureEndpoints.BatchLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.BatchLimit);
        var errors = new ErrorBag();
        var items = UsageCsv.Read(body, charset, reader, errors);
        return await batch.ApplyAsync(items, errors, user, AuditActions.UsageImport, cancellationToken);
    }
}
