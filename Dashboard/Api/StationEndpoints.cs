using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class StationEndpoints
{
    /// <summary>Service stations: registration by the county that runs them, and daily visits (a later report for a day replaces it).</summary>
    public static RouteGroupBuilder MapStations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/stations").WithTags("Stations")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate);
        group.MapPut("/{stationId}", RegisterAsync);
        group.MapPost("/{stationId}/usage", UsageAsync);
        group.MapDelete("/{stationId}", CloseAsync)
            .WithDescription("Closes a station (注销): it leaves its county's lists and totals, its visits with it, and its audit entry keeps " +
                "its registration and visits. 204; 404 for a station not registered. Registered again, it starts afresh.");
        return group;
    }

    private static async Task<Results<Created<StationSummary>, Ok<StationSummary>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        string stationId, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory, IGrainFactory grains, AuditLog audit,
        StationArrivals arrivals, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit, Languages.Of(request));
        var errors = new ErrorBag(Languages.Of(request));
        if (!Codes.IsValid(stationId))
            errors.Add("stationId", Codes.Invalid);
        using var json = JsonInput.Parse(body, errors);
        var info = json is null ? null : StationReader.ReadInfo(json.RootElement, errors);
        if (errors.Any || info is null)
            return Problems.Invalid(errors);
        using var arriving = arrivals.Enter([info.OrgCode]);
        var org = directory.Find(info.OrgCode);
        if (org is null)
            return Problems.UnknownOrg(info.OrgCode, directory, errors.Language);
        if (!user.Reaches(info.OrgCode, directory))
            return Problems.OutOfScope(info.OrgCode, user, errors.Language);
        if (org.Level != OrgLevel.County)
        {
            errors.Add("orgCode", Problems.StationsBelongToACounty(info.OrgCode, org.Level));
            return Problems.Invalid(errors);
        }
        var station = grains.GetGrain<IStationGrain>(stationId);
        var existing = await station.GetSummary();
        if (existing is not null && !user.Reaches(existing.OrgCode, directory))
            return Problems.OutOfScope(existing.OrgCode, user, errors.Language);
        var record = AuditPayload.For(user, info.OrgCode, AuditActions.StationsPut, new { stationId, info });
        var summary = await audit.RecordedAsync(IStationGrain.StateName, stationId, record, () => station.Register(info));
        return existing is null ? TypedResults.Created($"/api/v1/stations/{stationId}", summary) : TypedResults.Ok(summary);
    }

    private static async Task<Results<Ok<StationSummary>, ValidationProblem, ProblemHttpResult>> UsageAsync(
        string stationId, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory, IGrainFactory grains, StationReader reader,
        AuditLog audit, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit, Languages.Of(request));
        var errors = new ErrorBag(Languages.Of(request));
        if (!Codes.IsValid(stationId))
            errors.Add("stationId", Codes.Invalid);
        using var json = JsonInput.Parse(body, errors);
        var usage = json is null ? null : reader.ReadUsage(json.RootElement, errors);
        if (errors.Any || usage is null)
            return Problems.Invalid(errors);
        var station = grains.GetGrain<IStationGrain>(stationId);
        if (await station.GetSummary() is not { } existing)
            return NotRegistered(stationId, errors.Language);
        if (!user.Reaches(existing.OrgCode, directory))
            return Problems.OutOfScope(existing.OrgCode, user, errors.Language);
        var record = AuditPayload.For(user, existing.OrgCode, AuditActions.StationsUsage, new { stationId, usage });
        try
        {
            return TypedResults.Ok(await audit.RecordedAsync(IStationGrain.StateName, stationId, record, () => station.ReportUsage(usage)));
        }
        catch (StationNotRegisteredException)
        {
            return NotRegistered(stationId, errors.Language);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(string stationId, HttpRequest request, ClaimsPrincipal user,
        IOrgDirectory directory, IGrainFactory grains, AuditLog audit)
    {
        var language = Languages.Of(request);
        var station = grains.GetGrain<IStationGrain>(stationId);
        if (!Codes.IsValid(stationId) || await station.GetSummary() is not { } existing)
            return NotRegistered(stationId, language);
        if (!user.Reaches(existing.OrgCode, directory))
            return Problems.OutOfScope(existing.OrgCode, user, language);
        var record = AuditPayload.For(user, existing.OrgCode, AuditActions.StationsDelete, new { stationId, closed = existing });
        try
        {
            await audit.RecordedAsync(IStationGrain.StateName, stationId, record, async () =>
            {
                await station.Close();
                return true;
            });
            return TypedResults.NoContent();
        }
        catch (StationNotRegisteredException)
        {
            return NotRegistered(stationId, language);
        }
    }

    private static ProblemHttpResult NotRegistered(string stationId, Language language) => Problems.Problem(StatusCodes.Status404NotFound,
        "Unknown station", new($"Station '{stationId}' is not registered; register it with PUT /api/v1/stations/{stationId} first.",
            $"驿站“{stationId}”尚未登记；请先登记（驿站名册或 PUT /api/v1/stations/{stationId}）。"), language);
}
