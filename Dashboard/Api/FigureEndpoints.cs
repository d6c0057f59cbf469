using System.Security.Claims;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Api;

public static class FigureEndpoints
{
    public const long SingleLimit = 64 * 1024;
    public const long BatchLimit = 16 * 1024 * 1024;

    /// <summary>Own figures of one org, of many orgs as JSON, or of many orgs as CSV; snapshots, so repeats change nothing.</summary>
    public static RouteGroupBuilder MapFigures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Figures")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate)
            .AddEndpointFilter(new OrgScopeFilter("code", forReads: false));
        group.MapPut("/orgs/{code}/figures", PutAsync);
        group.MapPost("/figures:batch", BatchAsync);
        group.MapPost("/figures:import", ImportAsync);
        return group;
    }

    private static async Task<Results<SerializedJson<OrgSummary>, ValidationProblem, ProblemHttpResult>> PutAsync(string code, HttpRequest request,
        ClaimsPrincipal user, FiguresReader reader, IGrainFactory grains, AuditLog audit, IOptions<JsonOptions> jsonOptions, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(SingleLimit, Languages.Of(request));
        var errors = new ErrorBag(Languages.Of(request));
        using var json = JsonInput.Parse(body, errors);
        if (json is null || reader.Read(json.RootElement, "", errors) is not { } figures)
            return Problems.Invalid(errors);
        var record = AuditPayload.For(user, code, AuditActions.FiguresPut, figures);
        OrgSummary summary;
        try
        {
            summary = await audit.RecordedAsync(IOrgGrain.StateName, code, record, () => grains.GetGrain<IOrgGrain>(code).SetFigures(figures));
        }
        catch (StaleFiguresException stale)
        {
            var problem = Problems.Problem(StatusCodes.Status409Conflict, "Stale figures", new(stale.Message,
                $"组织“{code}”已存数据截至北京时间 {ChinaClock.Stamp(stale.StoredAsOf)}，本次数据截至 {ChinaClock.Stamp(figures.AsOf)}，更早，未被接受。" +
                "请上报截至该时间或更晚的数据；截至时间相同则作为更正替换已存数据。"), errors.Language);
            problem.ProblemDetails.Extensions["storedAsOf"] = stale.StoredAsOf;
            return problem;
        }
        return new SerializedJson<OrgSummary>(JsonSerializer.SerializeToUtf8Bytes(summary, jsonOptions.Value.SerializerOptions));
    }

    private static Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> BatchAsync(HttpRequest request, ClaimsPrincipal user,
        FiguresReader reader, FiguresBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, (json, errors) => FiguresJsonBatch.Read(json, reader, errors),
            (items, errors) => batch.ApplyAsync(items, errors, user, AuditActions.FiguresBatch, cancellationToken), cancellationToken);

    private static Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(HttpRequest request, ClaimsPrincipal user,
        FiguresReader reader, FiguresBatch batch, CancellationToken cancellationToken) =>
        BatchBody.FromCsvAsync(request, (body, charset, errors) => FiguresCsv.Read(body, charset, reader, errors),
            (items, errors) => batch.ApplyAsync(items, errors, user, AuditActions.FiguresImport, cancellationToken), cancellationToken);
}
