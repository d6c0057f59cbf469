using Coverage.Contracts;
using Coverage.Grains;
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
            if (orgs[i].Level == OrgLevel.Grassroots && !grains.IsActive<IOrgGrain>(orgs[i].Code))
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
        var codes = asleep.Select(i => orgs[i].Code).ToList();
        var states = await store.ReadStatesAsync<OrgState>(IOrgGrain.StateName, codes);
        var parts = await store.ReadStatesAsync<OrgParts>(IOrgGrain.PartsStateName, codes);
        foreach (var i in asleep)
        {
            var org = orgs[i];
            reads[i] = attainment.EnrichAsync(OrgSummaries.Stored(org, states.GetValueOrDefault(org.Code) ?? new OrgState(),
                parts.GetValueOrDefault(org.Code) ?? new OrgParts(), today));
        }
        return await Task.WhenAll(reads);
    }

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
