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
/// Checks every station of a usage batch (registered, within the key's scope) before writing any, then writes them in one
/// transaction with their audit entries: a refused or failed batch changes nothing.
/// </summary>
public sealed class UsageBatch(IGrainFactory grains, IOrgDirectory directory, StorageProbe probe, GroupCommitter committer, AuditLog audit)
{
    private const int Concurrency = 512;

    /// <summary>One batch at a time: each holds its stations' turns until it commits, so two sharing stations would wait on each other.</summary>
    private readonly SemaphoreSlim _applying = new(1, 1);

    public async Task<Results<Ok<UsageBatchResult>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        IReadOnlyList<UsageItem> items, ErrorBag errors, ClaimsPrincipal user, string action, CancellationToken cancellationToken)
    {
        var orgOf = await OrgsOfAsync(items);
        if (CheckStations(items, orgOf, errors, user) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        await _applying.WaitAsync(cancellationToken);
        try
        {
            await probe.EnsureAnsweringAsync(cancellationToken);
            var entries = items.Select(i =>
                audit.StatementFor(AuditPayload.For(user, orgOf[i.StationId]!, action, new { stationId = i.StationId, usage = i.Usage })));
            var group = new WriteGroup(committer, IStationGrain.StateName, items.Select(i => i.StationId), entries);
            await Task.WhenAll(items.Select(item =>
                group.CallAsync(item.StationId, () => grains.GetGrain<IStationGrain>(item.StationId).ReportUsage(item.Usage))));
            try
            {
                await group.Outcome;
            }
            catch (GrainCallTimeoutException timeout)
            {
                return Problems.BatchTimedOut(timeout);
            }
            return TypedResults.Ok(new UsageBatchResult(items.Count, items.Sum(i => i.Usage.Count)));
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>The county of each station named, or null for one not registered.</summary>
    private async Task<Dictionary<string, string?>> OrgsOfAsync(IReadOnlyList<UsageItem> items)
    {
        var orgOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var chunk in items.Chunk(Concurrency))
        {
            var summaries = await Task.WhenAll(chunk.Select(i => grains.GetGrain<IStationGrain>(i.StationId).GetSummary()));
            foreach (var (item, summary) in chunk.Zip(summaries))
                orgOf[item.StationId] = summary?.OrgCode;
        }
        return orgOf;
    }

    private ProblemHttpResult? CheckStations(IReadOnlyList<UsageItem> items, Dictionary<string, string?> orgOf, ErrorBag errors, ClaimsPrincipal user)
    {
        var outside = new ErrorBag();
        var unknown = 0;
        foreach (var item in items)
        {
            if (orgOf[item.StationId] is not { } org)
            {
                unknown++;
                errors.Add(item.Path, $"No station has id '{item.StationId}'; register it with PUT /api/v1/stations/{item.StationId} first.");
            }
            else if (!user.Reaches(org, directory))
                outside.Add(item.Path, $"Station '{item.StationId}' belongs to org '{org}', outside the scope of this API key (org '{user.OrgOf()}' and below).");
        }
        if (outside.Any)
            return Problems.Rejected(outside, StatusCodes.Status403Forbidden, "Outside the key's scope",
                "The batch was not applied: some stations belong to orgs outside the scope of this API key.");
        return unknown > 0 && unknown == errors.Count
            ? Problems.Rejected(errors, StatusCodes.Status404NotFound, "Unknown station",
                "The batch was not applied: some ids name no registered station. Register them first, or correct or remove those items.")
            : null;
    }
}

/// <summary>The answer to an accepted usage batch or import: how many stations and station-days it carried, all now committed.</summary>
public sealed record UsageBatchResult(int Stations, int Days);
