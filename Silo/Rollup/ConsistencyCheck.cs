using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Runtime;

namespace Coverage.Silo.Rollup;

/// <summary>
/// Walks the whole tree and reports every org whose totals differ from its own figures plus the current totals of its
/// children and stations. Orgs that are awake, or have children or stored parts, are asked through their grains; any other
/// grassroots union, and every station, is read from storage, which holds all of a grain that is not awake, so a national
/// check wakes a few thousand grains rather than millions. Meaningful once updates have settled; mid-flight it shows
/// propagation lag.
/// </summary>
public sealed class ConsistencyCheck(GrainRuntime grains, IGrainStateStore store, IOrgDirectory directory, TimeProvider clock)
{
    public async Task<ConsistencyReport> RunAsync(CancellationToken cancellationToken = default)
    {
        // One snapshot of the tree for the whole walk: a unit registered meanwhile is left to the next check.
        var orgs = directory.All.ToList();
        var childrenOf = orgs.Where(o => o.ParentCode is not null).ToLookup(o => o.ParentCode!);
        var withParts = await store.ReadKeysAsync(IOrgGrain.PartsStateName).ToHashSetAsync(StringComparer.Ordinal);
        bool Asked(OrgInfo org) => childrenOf.Contains(org.Code) || withParts.Contains(org.Code) || grains.IsActive<IOrgGrain>(org.Code);

        // Both sides as of today: a part last computed on an earlier day may still hold a visit day that has since dropped out.
        var today = ChinaClock.Today(clock);
        var problems = new List<Inconsistency>();
        foreach (var org in orgs.Where(Asked))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rollup = await grains.GetGrain<IOrgGrain>(org.Code).GetRollup();
            var children = await CurrentTotalsAsync(childrenOf[org.Code].ToList(), Asked, today);
            var ownStations = rollup.Stations.Values.Where(s => s.Totals is not null).ToList();
            var owners = await StationOwnersAsync(ownStations.Select(s => s.StationId).ToList());
            var expected = Aggregate.Sum(children.Values.Concat(ownStations.Select(s => s.Totals!)).Prepend(rollup.Own)).TrimmedTo(today);
            var totals = rollup.Totals.TrimmedTo(today);
            var found = new List<string>();
            if (!expected.SameAs(totals))
                found.Add("totals differ from own + Σ children + stations");
            found.AddRange(children
                .Where(c => rollup.Children.TryGetValue(c.Key, out var seen) ? !seen.Totals.SameAs(c.Value) : !c.Value.SameAs(Aggregate.Empty))
                .Select(c => $"holds stale totals for child {c.Key}"));
            found.AddRange(ownStations.Where(s => owners.GetValueOrDefault(s.StationId) != org.Code)
                .Select(s => $"counts station {s.StationId}, which belongs to another org"));
            if (found.Count > 0)
                problems.Add(new Inconsistency(org.Code, org.Name, totals, expected, found));
        }
        return new ConsistencyReport(orgs.Count, problems);
    }

    /// <summary>Each child's totals now, in the children's order: from its grain when it is asked, else from its stored figures.</summary>
    private async Task<Dictionary<string, Aggregate>> CurrentTotalsAsync(IReadOnlyList<OrgInfo> children, Func<OrgInfo, bool> asked, DateOnly today)
    {
        var rollups = (await Task.WhenAll(children.Where(asked).Select(c => grains.GetGrain<IOrgGrain>(c.Code).GetRollup()))).ToDictionary(r => r.Code);
        var stored = await store.ReadStatesAsync<OrgState>(IOrgGrain.StateName, children.Select(c => c.Code).Where(code => !rollups.ContainsKey(code)).ToList());
        return children.ToDictionary(c => c.Code, c => rollups.TryGetValue(c.Code, out var rollup)
            ? rollup.Totals
            : OrgSummaries.StoredTotals(stored.GetValueOrDefault(c.Code) ?? new OrgState(), new OrgParts(), today));
    }

    /// <summary>The org each station is registered to, as stored: a station's registration is written before it is acknowledged.</summary>
    private async Task<Dictionary<string, string?>> StationOwnersAsync(IReadOnlyList<string> stationIds) =>
        (await store.ReadStatesAsync<StationState>(IStationGrain.StateName, stationIds)).ToDictionary(s => s.Key, s => s.Value.Info?.OrgCode);
}
