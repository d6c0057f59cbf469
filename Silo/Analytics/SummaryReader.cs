using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Runtime;
using Coverage.Silo.Targets;

namespace Coverage.Silo.Analytics;

/// <summary>
/// Reads org summaries from the grains' memory, with target attainment added where targets are set. In a list, a
/// grassroots union that is not awake is read from storage, which holds all of such a grain, so a county's list or a
/// city's ranking of them does not wake thousands of grains. Divisions, a few thousand, are always asked: their lists are
/// read again and again, and a grain's unchanged summary lets the list's JSON be reused.
/// </summary>
public sealed class SummaryReader(GrainRuntime grains, IGrainStateStore store, IOrgDirectory directory, AttainmentCalculator attainment,
    TimeProvider clock)
{
    /// <summary>Asleep orgs whose stored states are read in one query.</summary>
    private const int ReadBatch = 1_000;

    public Task<OrgSummary> GetAsync(string code)
    {
        var read = grains.GetGrain<IOrgGrain>(code).GetSummary();
        return read.IsCompletedSuccessfully ? attainment.EnrichAsync(read.Result) : EnrichWhenReadAsync(read);
    }

    /// <summary>All reads start before any is awaited, so orgs that must first load their state load side by side.</summary>
    public Task<OrgSummary[]> GetManyAsync(IReadOnlyList<OrgInfo> orgs)
    {
        var reads = new Task<OrgSummary>[orgs.Count];
        List<int>? asleep = null;
        var done = true;
        for (var i = 0; i < reads.Length; i++)
        {
            if (orgs[i].Level == OrgLevel.Grassroots && directory.ChildrenOf(orgs[i].Code).Count == 0 && !grains.IsActive<IOrgGrain>(orgs[i].Code))
            {
                (asleep ??= []).Add(i);
                continue;
            }
            reads[i] = GetAsync(orgs[i].Code);
            done &= reads[i].IsCompletedSuccessfully;
        }
        if (asleep is not null)
            return WithStoredAsync(orgs, reads, asleep);
        return done ? Task.FromResult(Array.ConvertAll(reads, r => r.Result)) : Task.WhenAll(reads);
    }

    private async Task<OrgSummary[]> WithStoredAsync(IReadOnlyList<OrgInfo> orgs, Task<OrgSummary>[] reads, List<int> asleep)
    {
        var today = ChinaClock.Today(clock);
        foreach (var batch in asleep.Chunk(ReadBatch))
        {
            var codes = batch.Select(i => orgs[i].Code).ToList();
            var states = (await store.ReadManyAsync(IOrgGrain.StateName, codes)).ToDictionary(s => s.Key);
            var parts = (await store.ReadManyAsync(IOrgGrain.PartsStateName, codes)).ToDictionary(s => s.Key);
            foreach (var i in batch)
            {
                var org = orgs[i];
                var summary = OrgSummaries.Stored(org, Read<OrgState>(states.GetValueOrDefault(org.Code)), Read<OrgParts>(parts.GetValueOrDefault(org.Code)), today);
                reads[i] = attainment.EnrichAsync(summary);
            }
        }
        return await Task.WhenAll(reads);
    }

    private static T Read<T>(StoredState? stored) where T : new() =>
        stored is null ? new T() : JsonSerializer.Deserialize<T>(stored.Payload, StateJson.Options) ?? new T();

    private async Task<OrgSummary> EnrichWhenReadAsync(Task<OrgSummary> read) => await attainment.EnrichAsync(await read);

    /// <summary>Every org at <paramref name="level"/> below <paramref name="code"/>, walking down the tree, not across it.</summary>
    public IReadOnlyList<OrgInfo> Descendants(string code, OrgLevel level)
    {
        var found = new List<OrgInfo>();
        var next = new Queue<OrgInfo>(directory.ChildrenOf(code));
        while (next.TryDequeue(out var org))
        {
            if (org.Level == level)
                found.Add(org);
            else if (org.Level < level)
                foreach (var child in directory.ChildrenOf(org.Code))
                    next.Enqueue(child);
        }
        return found;
    }
}
