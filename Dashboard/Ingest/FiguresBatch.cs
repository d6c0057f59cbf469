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
/// Checks a whole batch, staleness and storage included, before writing any of it, then writes it in one transaction with
/// its audit entries: a refused or failed batch changes nothing.
/// </summary>
public sealed class FiguresBatch(IGrainFactory grains, IOrgDirectory directory, StorageProbe probe, GroupCommitter committer, AuditLog audit)
{
    private const int Concurrency = 512;

    /// <summary>One batch at a time: each holds its orgs' turns until it commits, so two sharing orgs would wait on each other.</summary>
    private readonly SemaphoreSlim _applying = new(1, 1);

    public async Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        IReadOnlyList<FiguresItem> items, ErrorBag errors, ClaimsPrincipal user, string action, CancellationToken cancellationToken)
    {
        if (CheckOrgs(items, errors, user) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        await _applying.WaitAsync(cancellationToken);
        try
        {
            if (await CheckStalenessAsync(items) is { } stale)
                return stale;
            await probe.EnsureAnsweringAsync(cancellationToken);
            var entries = items.Select(i => audit.StatementFor(AuditPayload.For(user, i.Code, action, new { i.Code, i.Figures })));
            var group = new WriteGroup(committer, IOrgGrain.StateName, items.Select(i => i.Code), entries);
            var failures = await Task.WhenAll(items.Select(item =>
                group.CallAsync(item.Code, () => grains.GetGrain<IOrgGrain>(item.Code).SetFigures(item.Figures))));
            try
            {
                await group.Outcome;
            }
            catch (StaleFiguresException)
            {
                return OvertakenMeanwhile(items, failures);
            }
            catch (GrainCallTimeoutException timeout)
            {
                return Problems.BatchTimedOut(timeout);
            }
            return TypedResults.Ok(new BatchResult(items.Count));
        }
        finally
        {
            _applying.Release();
        }
    }

    private ProblemHttpResult? CheckOrgs(IReadOnlyList<FiguresItem> items, ErrorBag errors, ClaimsPrincipal user)
    {
        var outside = new ErrorBag();
        var unknown = 0;
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (directory.Find(item.Code) is null)
            {
                unknown++;
                errors.Add(item.CodeKey, $"No union organisation has code '{item.Code}'.");
            }
            else if (!user.Reaches(item.Code, directory))
                outside.Add(item.CodeKey, $"Org '{item.Code}' is outside the scope of this API key (org '{user.OrgOf()}' and below).");
            if (!first.TryAdd(item.Code, item.CodeKey))
                errors.Add(item.CodeKey, $"Org '{item.Code}' appears more than once in the batch (first at {first[item.Code]}).");
        }
        if (outside.Any)
            return Problems.Rejected(outside, StatusCodes.Status403Forbidden, "Outside the key's scope",
                "The batch was not applied: some orgs are outside the scope of this API key.");
        // As for a single write to an unknown org; with other faults as well, the answer is the 400 that lists them all.
        return unknown > 0 && unknown == errors.Count
            ? Problems.Rejected(errors, StatusCodes.Status404NotFound, "Unknown org",
                "The batch was not applied: some codes name no union organisation. Correct or remove those items.")
            : null;
    }

    private async Task<ProblemHttpResult?> CheckStalenessAsync(IReadOnlyList<FiguresItem> items)
    {
        var stale = new ErrorBag();
        foreach (var chunk in items.Chunk(Concurrency))
        {
            var stored = await Task.WhenAll(chunk.Select(i => grains.GetGrain<IOrgGrain>(i.Code).GetSummary()));
            foreach (var (item, summary) in chunk.Zip(stored))
            {
                if (summary.Own is { } own && item.Figures.AsOf < own.AsOf)
                    stale.Add(item.AsOfKey, $"is older than the stored asOf {own.AsOf:O}; figures may not go backwards.");
            }
        }
        return stale.Any
            ? Problems.Rejected(stale, StatusCodes.Status409Conflict, "Stale figures",
                "The batch was not applied: some figures are older than the ones stored. Send figures as of the stored moment or later.")
            : null;
    }

    /// <summary>A newer asOf stored by another writer after the check: the batch is refused as if it had arrived after it.</summary>
    private static ProblemHttpResult OvertakenMeanwhile(IReadOnlyList<FiguresItem> items, Exception?[] failures)
    {
        var stale = new ErrorBag();
        for (var i = 0; i < items.Count; i++)
        {
            if (failures[i] is StaleFiguresException overtaken)
                stale.Add(items[i].AsOfKey,
                    $"is older than the stored asOf {overtaken.StoredAsOf:O}, written by another request meanwhile; figures may not go backwards.");
        }
        return Problems.Rejected(stale, StatusCodes.Status409Conflict, "Stale figures",
            "The batch was not applied: another request stored newer figures for some orgs while it was being written. " +
            "Send figures as of the stored moment or later.");
    }
}
