using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Api;
using Coverage.Dashboard.Auth;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Registrations, daily visits or closures of many stations: every station checked (its org, registered, within the key's scope)
/// before any is written, then all written in one transaction with their audit entries, so a refused or failed batch
/// changes nothing.
/// </summary>
public sealed class StationBatch(IGrainFactory grains, IOrgDirectory directory, StorageProbe probe, GroupCommitter committer, AuditLog audit,
    StationArrivals arrivals)
{
    private const int Concurrency = 512;

    /// <summary>One batch at a time: each holds its stations' turns until it commits, so two sharing stations would wait on each other.</summary>
    private readonly SemaphoreSlim _applying = new(1, 1);

    public async Task<Results<Ok<StationsBatchResult>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        IReadOnlyList<StationItem> items, ErrorBag errors, ClaimsPrincipal user, string action, CancellationToken cancellationToken)
    {
        using var arriving = arrivals.Enter(items.Select(i => i.Info.OrgCode));
        var stored = await SummariesAsync(items.Select(i => i.StationId));
        var outside = new List<(string Path, Message Message)>();
        var unknown = 0;
        foreach (var item in items)
        {
            var code = item.Info.OrgCode;
            if (directory.Find(code) is not { } org)
            {
                unknown++;
                errors.Add(item.OrgPath, Problems.NoSuchOrg(code));
            }
            else if (!user.Reaches(code, directory))
                outside.Add((item.OrgPath, Problems.OrgOutside(code, user)));
            else if (org.Level != OrgLevel.County)
                errors.Add(item.OrgPath, Problems.StationsBelongToACounty(code, org.Level));
            if (stored[item.StationId] is { } existing && !user.Reaches(existing.OrgCode, directory))
                outside.Add((item.Path, Outside(item.StationId, existing.OrgCode, user)));
        }
        if (Refused(outside, unknown, errors, "Unknown org", new("some codes name no union organisation. Correct those rows.",
            "有代码不对应任何工会组织。请改正这些行。")) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        var registered = items.Count(i => stored[i.StationId] is null);
        var unchanged = items.Count(i => stored[i.StationId] is { } existing && existing.Registration().SameAs(i.Info));
        var writes = items.Select(i => new StationWrite(i.StationId,
            AuditPayload.For(user, i.Info.OrgCode, action, new { stationId = i.StationId, info = i.Info }), station => station.Register(i.Info)));
        return await WriteAsync([.. writes], new StationsBatchResult(registered, items.Count - registered - unchanged, unchanged), errors.Language, cancellationToken);
    }

    public async Task<Results<Ok<UsageBatchResult>, ValidationProblem, ProblemHttpResult>> ReportUsageAsync(
        IReadOnlyList<UsageItem> items, ErrorBag errors, ClaimsPrincipal user, string action, CancellationToken cancellationToken)
    {
        var stored = await SummariesAsync(items.Select(i => i.StationId));
        if (Checked(items.Select(i => (i.Path, i.StationId)), stored, errors, user) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        var writes = items.Select(i => new StationWrite(i.StationId,
            AuditPayload.For(user, stored[i.StationId]!.OrgCode, action, new { stationId = i.StationId, usage = i.Usage }), station => station.ReportUsage(i.Usage)));
        return await WriteAsync([.. writes], new UsageBatchResult(items.Count, items.Sum(i => i.Usage.Count)), errors.Language, cancellationToken);
    }

    /// <summary>Closes every station listed, or, when any is not registered or outside the key's scope, none.</summary>
    public async Task<Results<Ok<StationsClosed>, ValidationProblem, ProblemHttpResult>> CloseAsync(
        IReadOnlyList<BatchCode> ids, ErrorBag errors, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var distinct = ids.DistinctBy(i => i.Code).ToList();
        var stored = await SummariesAsync(distinct.Select(i => i.Code));
        if (Checked(distinct.Select(i => (i.Path, i.Code)), stored, errors, user) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        var writes = distinct.Select(i => new StationWrite(i.Code,
            AuditPayload.For(user, stored[i.Code]!.OrgCode, AuditActions.StationsBatchDelete, new { stationId = i.Code, closed = stored[i.Code] }),
            station => station.Close()));
        return await WriteAsync([.. writes], new StationsClosed(distinct.Count), errors.Language, cancellationToken);
    }

    /// <summary>The refusal of a batch naming a station not registered or outside the key's scope; null when every one may be written.</summary>
    private ProblemHttpResult? Checked(IEnumerable<(string Path, string StationId)> items, Dictionary<string, StationSummary?> stored, ErrorBag errors,
        ClaimsPrincipal user)
    {
        var outside = new List<(string Path, Message Message)>();
        var unknown = 0;
        foreach (var (path, stationId) in items)
        {
            if (stored[stationId] is not { } station)
            {
                unknown++;
                errors.Add(path, new($"No station has id '{stationId}'; register it with PUT /api/v1/stations/{stationId} first.",
                    $"没有编号为“{stationId}”的驿站；请先登记（驿站名册或 PUT /api/v1/stations/{stationId}）。"));
            }
            else if (!user.Reaches(station.OrgCode, directory))
                outside.Add((path, Outside(stationId, station.OrgCode, user)));
        }
        return Refused(outside, unknown, errors, "Unknown station", new("some ids name no registered station. Register them first, or correct or remove those items.",
            "有编号不对应已登记的驿站。请先登记，或改正、删去这些项。"));
    }

    /// <summary>Each station's stored registration, or null for one not registered.</summary>
    private async Task<Dictionary<string, StationSummary?>> SummariesAsync(IEnumerable<string> ids)
    {
        var stored = new Dictionary<string, StationSummary?>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(Concurrency))
        {
            var summaries = await Task.WhenAll(chunk.Select(id => grains.GetGrain<IStationGrain>(id).GetSummary()));
            foreach (var (id, summary) in chunk.Zip(summaries))
                stored[id] = summary;
        }
        return stored;
    }

    private async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> WriteAsync<T>(IReadOnlyList<StationWrite> writes, T result, Language language,
        CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            await probe.EnsureAnsweringAsync(cancellationToken);
            var group = new WriteGroup(committer, IStationGrain.StateName, writes.Select(w => w.StationId), writes.Select(w => audit.StatementFor(w.Record)));
            await Task.WhenAll(writes.Select(write =>
                group.CallAsync(write.StationId, () => write.Call(grains.GetGrain<IStationGrain>(write.StationId)))));
            try
            {
                await group.Outcome;
            }
            catch (GrainCallTimeoutException timeout)
            {
                return Problems.BatchTimedOut(timeout, language);
            }
            return TypedResults.Ok(result);
        }
        finally
        {
            _applying.Release();
        }
    }

    private static ProblemHttpResult? Refused(List<(string Path, Message Message)> outside, int unknown, ErrorBag errors, string unknownTitle,
        Message unknownDetail) =>
        Problems.BatchRefused(outside, new("some stations belong to orgs outside the scope of this API key.", "有驿站所属组织不在此密钥的范围内。"),
            unknown, errors, unknownTitle, unknownDetail);

    private static Message Outside(string stationId, string orgCode, ClaimsPrincipal user) => new(
        $"Station '{stationId}' belongs to org '{orgCode}', outside the scope of this API key (org '{user.OrgOf()}' and below).",
        $"驿站“{stationId}”属于组织“{orgCode}”，不在此密钥的范围内（组织“{user.OrgOf()}”及其下级）。");

    private sealed record StationWrite(string StationId, AuditRecord Record, Func<IStationGrain, Task> Call);
}
