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
            if (await CheckStalenessAsync(items, errors) is { } stale)
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
                return OvertakenMeanwhile(items, failures, errors);
            }
            catch (GrainCallTimeoutException timeout)
            {
                return Problems.BatchTimedOut(timeout, errors.Language);
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
        var outside = new List<(string Path, Message Message)>();
        var unknown = 0;
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (directory.Find(item.Code) is null)
            {
                unknown++;
                errors.Add(item.CodeKey, Problems.NoSuchOrg(item.Code));
            }
            else if (!user.Reaches(item.Code, directory))
                outside.Add((item.CodeKey, Problems.OrgOutside(item.Code, user)));
            if (!first.TryAdd(item.Code, item.CodeKey))
                errors.Add(item.CodeKey, new($"Org '{item.Code}' appears more than once in the batch (first at {first[item.Code]}).",
                    $"组织“{item.Code}”在本批中出现了不止一次（首次在 {first[item.Code]}）。"));
        }
        return Problems.BatchRefused(outside, new("some orgs are outside the scope of this API key.", "有组织不在此密钥的范围内。"), unknown, errors,
            "Unknown org", new("some codes name no union organisation. Correct or remove those items.", "有代码不对应任何工会组织。请改正或删去这些项。"));
    }

    private async Task<ProblemHttpResult?> CheckStalenessAsync(IReadOnlyList<FiguresItem> items, ErrorBag errors)
    {
        var stale = errors.Sibling();
        foreach (var chunk in items.Chunk(Concurrency))
        {
            var stored = await Task.WhenAll(chunk.Select(i => grains.GetGrain<IOrgGrain>(i.Code).GetSummary()));
            foreach (var (item, summary) in chunk.Zip(stored))
            {
                if (summary.Own is { } own && item.Figures.AsOf < own.AsOf)
                    stale.Add(item.AsOfKey, new($"is older than the stored asOf {own.AsOf:O}; figures may not go backwards, so give that moment or a later one.",
                        $"早于已存数据的截至时间（北京时间 {ChinaClock.Stamp(own.AsOf)}）；数据不能倒退，请填写该时间或更晚的时间。"));
            }
        }
        return stale.Any
            ? Problems.Rejected(stale, StatusCodes.Status409Conflict, "Stale figures",
                new("The batch was not applied: some figures are older than the ones stored. Send figures as of the stored moment or later.",
                    "本批未导入：有数据早于已存数据。请上报截至已存时间或更晚的数据。"))
            : null;
    }

    /// <summary>A newer asOf stored by another writer after the check: the batch is refused as if it had arrived after it.</summary>
    private static ProblemHttpResult OvertakenMeanwhile(IReadOnlyList<FiguresItem> items, Exception?[] failures, ErrorBag errors)
    {
        var stale = errors.Sibling();
        for (var i = 0; i < items.Count; i++)
        {
            if (failures[i] is StaleFiguresException overtaken)
                stale.Add(items[i].AsOfKey, new(
                    $"is older than the stored asOf {overtaken.StoredAsOf:O}, written by another request meanwhile; figures may not go backwards, so give that moment or a later one.",
                    $"早于另一请求在此期间写入的截至时间（北京时间 {ChinaClock.Stamp(overtaken.StoredAsOf)}）；数据不能倒退，请填写该时间或更晚的时间。"));
        }
        return Problems.Rejected(stale, StatusCodes.Status409Conflict, "Stale figures", new(
            "The batch was not applied: another request stored newer figures for some orgs while it was being written. " +
            "Send figures as of the stored moment or later.",
            "本批未导入：写入期间另一请求为部分组织存入了更新的数据。请上报截至已存时间或更晚的数据。"));
    }
}
