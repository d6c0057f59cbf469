using System.Security.Claims;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class StationBatchEndpoints
{
    /// <summary>Many stations at once, registered, their daily visits reported, or closed: all of them written, or none.</summary>
    public static RouteGroupBuilder MapStationBatches(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Stations")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate);
        group.MapPost("/stations:batch", RegisterBatchAsync)
            .WithSummary("Register or update many stations")
            .WithDescription($"[{{\"stationId\", \"orgCode\", \"name\", \"lat\", \"lon\", \"open24h\", \"smart\", \"amenities\"}}], up to " +
                $"{FiguresJsonBatch.MaxItems} stations, each as PUT /api/v1/stations/{{stationId}} takes it with its id beside; all of them or none. " +
                "Answers how many were registered, updated and unchanged.");
        group.MapPost("/stations:import", RegisterAsync)
            .WithSummary("Register or update stations from a sheet")
            .WithDescription("text/csv in the columns of the stations export, 编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施 " +
                "(or stationId,name,orgCode,lat,lon,open24h,smart,amenities; flags 是/否, amenities separated by 、), one row per station, each " +
                "as PUT /api/v1/stations/{stationId} takes it; the export's visit columns are not read. Answers how many were registered, " +
                "updated and unchanged; all of them or none.");
        group.MapPost("/stations/usage:batch", UsageBatchAsync)
            .WithSummary("Report many stations' daily visits at once")
            .WithDescription($"[{{\"stationId\", \"usage\": [{{\"date\": \"2026-11-20\", \"visits\": 37}}]}}], up to {FiguresJsonBatch.MaxItems} " +
                "stations, each as POST /api/v1/stations/{stationId}/usage takes it (a later report for a day replaces it); all of them or none.");
        group.MapPost("/stations/usage:import", UsageImportAsync)
            .WithSummary("Report stations' daily visits from a sheet")
            .WithDescription("text/csv: a header stationId (or 编号), optionally name (名称, not read), then a column per day headed with " +
                "its date (2026-11-20, or 2026/11/20 as a spreadsheet rewrites it); one row per station, each filled cell its visits that " +
                "day. Rows with no day filled in are skipped. GET /api/v1/orgs/{code}/usage.csv gives such a sheet to fill in.");
        group.MapPost("/stations:batchDelete", CloseBatchAsync)
            .WithSummary("Close many stations")
            .WithDescription($"[\"gx-nn-001\", …], up to {FiguresJsonBatch.MaxItems} station ids, each closed as DELETE /api/v1/stations/{{stationId}} " +
                "closes one; all of them or none. Answers {\"closed\"}, or 404 / 403 naming each id not registered or outside the key's scope.");
        return group;
    }

    private static Task<Results<Ok<StationsClosed>, ValidationProblem, ProblemHttpResult>> CloseBatchAsync(HttpRequest request, ClaimsPrincipal user,
        StationBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, (json, errors) => CodesJsonBatch.Read(json, errors, new("a station's id", "驿站编号")),
            (ids, errors) => batch.CloseAsync(ids, errors, user, cancellationToken), cancellationToken);

    private static Task<Results<Ok<StationsBatchResult>, ValidationProblem, ProblemHttpResult>> RegisterBatchAsync(HttpRequest request, ClaimsPrincipal user,
        StationBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, StationsJsonBatch.Read,
            (items, errors) => batch.RegisterAsync(items, errors, user, AuditActions.StationsBatch, cancellationToken), cancellationToken);

    private static Task<Results<Ok<StationsBatchResult>, ValidationProblem, ProblemHttpResult>> RegisterAsync(HttpRequest request, ClaimsPrincipal user,
        StationBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromCsvAsync(request, StationsCsv.Read,
            (items, errors) => batch.RegisterAsync(items, errors, user, AuditActions.StationsImport, cancellationToken), cancellationToken);

    private static Task<Results<Ok<UsageBatchResult>, ValidationProblem, ProblemHttpResult>> UsageBatchAsync(HttpRequest request, ClaimsPrincipal user,
        StationReader reader, StationBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, (json, errors) => UsageJsonBatch.Read(json, reader, errors),
            (items, errors) => batch.ReportUsageAsync(items, errors, user, AuditActions.UsageBatch, cancellationToken), cancellationToken);

    private static Task<Results<Ok<UsageBatchResult>, ValidationProblem, ProblemHttpResult>> UsageImportAsync(HttpRequest request, ClaimsPrincipal user,
        StationReader reader, StationBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromCsvAsync(request, (body, charset, errors) => UsageCsv.Read(body, charset, reader, errors),
            (items, errors) => batch.ReportUsageAsync(items, errors, user, AuditActions.UsageImport, cancellationToken), cancellationToken);
}
