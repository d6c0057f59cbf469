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

/// <summary>Checks a whole batch, staleness and storage included, before writing any of it, so a refused batch changes nothing.</summary>
public sealed class FiguresBatch(IGrainFactory grains, IOrgDirectory directory, Database database, AuditLog audit)
{
    private const int Concurrency = 512;

    public async Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        IReadOnlyList<FiguresItem> items, ErrorBag errors, ClaimsPrincipal user, string action, CancellationToken cancellationToken)
    {
        if (CheckOrgs(items, errors, user) is { } refused)
            return refused;
        if (errors.Any)
            return Problems.Invalid(errors);
        if (await CheckStalenessAsync(items) is { } stale)
            return stale;
        await ProbeStorageAsync(cancellationToken);
        var failures = await Task.WhenAll(items.Select(ApplyAsync));
        var applied = items.Where((_, i) => failures[i] is null).ToList();
        var records = applied.Select(i => AuditPayload.For(user, i.Code, action, new { i.Code, i.Figures })).ToList();
        if (applied.Count == items.Count)
        {
            await audit.AppendAsync(records);
            return TypedResults.Ok(new BatchResult(items.Count));
        }
        await TryAuditAsync(records);
        return PartlyApplied(items, failures);
    }

    private ProblemHttpResult? CheckOrgs(IReadOnlyList<FiguresItem> items, ErrorBag errors, ClaimsPrincipal user)
    {
        var outside = new ErrorBag();
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (directory.Find(item.Code) is null)
                errors.Add(item.CodeKey, $"No union organisation has code '{item.Code}'.");
            else if (!user.Reaches(item.Code, directory))
                outside.Add(item.CodeKey, $"Org '{item.Code}' is outside the scope of this API key (org '{user.OrgOf()}' and below).");
            if (!first.TryAdd(item.Code, item.CodeKey))
                errors.Add(item.CodeKey, $"Org '{item.Code}' appears more than once in the batch (first at {first[item.Code]}).");
        }
        return outside.Any
            ? Problems.Rejected(outside, StatusCodes.Status403Forbidden, "Outside the key's scope",
                "The batch was not applied: some orgs are outside the scope of this API key.")
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

    /// <summary>Fails the batch with 503 before anything is written when the database is not answering.</summary>
    private async Task ProbeStorageAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException error)
        {
            throw new StorageUnavailableException($"The database is unavailable ({error.Message}); nothing was written.", error);
        }
    }

    private async Task<Exception?> ApplyAsync(FiguresItem item)
    {
        try
        {
            await grains.GetGrain<IOrgGrain>(item.Code).SetFigures(item.Figures);
            return null;
        }
        catch (Exception error)
        {
            return error;
        }
    }

    /// <summary>Best effort: the applied part is audited if the database takes it; the caller is told to resend anyway.</summary>
    private async Task TryAuditAsync(List<AuditRecord> records)
    {
        try
        {
            await audit.AppendAsync(records);
        }
        catch (StorageUnavailableException)
        {
            // The answer already says the batch must be resent; the repeat is audited in full.
        }
    }

    private static ProblemHttpResult PartlyApplied(IReadOnlyList<FiguresItem> items, Exception?[] failures)
    {
        var errors = new ErrorBag();
        for (var i = 0; i < items.Count; i++)
        {
            if (failures[i] is { } failure)
                errors.Add(failures[i] is StaleFiguresException ? items[i].AsOfKey : items[i].CodeKey, $"was not applied: {failure.Message}");
        }
        var stale = failures.All(f => f is null or StaleFiguresException);
        var problem = Problems.Rejected(errors, stale ? StatusCodes.Status409Conflict : StatusCodes.Status503ServiceUnavailable,
            "Batch partly applied",
            $"{failures.Count(f => f is null)} of {items.Count} items were committed before a failure; the items listed were not. " +
            "Resend the whole batch: items already applied are unchanged by a repeat.");
        problem.ProblemDetails.Extensions["notApplied"] = items.Where((_, i) => failures[i] is not null).Select(i => i.Code).ToArray();
        return problem;
    }
}
