using System.Collections.Concurrent;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Runtime;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Rollup;

/// <summary>
/// Before any grain runs, rebuilds every org's view of its children and stations from what they stored, children first.
/// Own figures and station usage are written before they are acknowledged, but reports upward are written behind,
/// so after a crash a parent can be behind its children; this puts the whole tree back to totals == own + Σ children.
/// </summary>
public sealed class RollupRecovery(IGrainStateStore store, OrgDirectory directory, TimeProvider clock, ILogger<RollupRecovery> logger)
{
    public async Task<int> RecoverAsync()
    {
        var today = ChinaClock.Today(clock);
        var stationsByOrg = await StationsByOrgAsync();
        // Only orgs with children or stations store parts, a few thousand of a national tree's millions: ask for no others.
        var withParts = await store.ReadKeysAsync(IOrgGrain.PartsStateName).ToHashSetAsync(StringComparer.Ordinal);
        var repairs = new RepairWrites(store);
        var repaired = 0;

        // Depth first, each org after its children, so only the stored states of the children on the current path are held.
        async Task<ChildTotals?> RecoverAsync(OrgInfo org, StoredState? stored, StoredState? storedParts)
        {
            var children = new Dictionary<string, ChildTotals>();
            var below = WithStoredStatesAsync(directory.ChildrenOf(org.Code), withParts);
            if (org.ParentCode is null)
            {
                // The provinces' subtrees share nothing, so they are walked one per core.
                var provinces = new ConcurrentQueue<(OrgInfo Org, StoredState? Stored, StoredState? Parts)>(await below.ToListAsync());
                await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
                {
                    while (provinces.TryDequeue(out var child))
                    {
                        if (await RecoverAsync(child.Org, child.Stored, child.Parts) is { } reported)
                        {
                            lock (children)
                                children[child.Org.Code] = reported;
                        }
                    }
                })));
            }
            else
            {
                await foreach (var (child, childStored, childParts) in below)
                {
                    if (await RecoverAsync(child, childStored, childParts) is { } reported)
                        children[child.Code] = reported;
                }
            }
            var (state, version) = (StoredStates.Read<OrgState>(stored), stored?.Version ?? 0);
            var (parts, partsVersion) = (StoredStates.Read<OrgParts>(storedParts), storedParts?.Version ?? 0);
            var stations = (stationsByOrg.GetValueOrDefault(org.Code) ?? []).ToDictionary(s => s.StationId);
            if (!Same(parts.Children, children) || !Same(parts.Stations, stations))
            {
                var before = parts.TotalsWith(state.OwnAggregate, today);
                var rebuilt = new OrgParts { Children = children, Stations = stations };
                if (!rebuilt.TotalsWith(state.OwnAggregate, today).SameAs(before))
                {
                    state.Version++;
                    state.UpdatedAt = clock.GetUtcNow();
                    await repairs.StartAsync(IOrgGrain.StateName, org.Code, JsonSerializer.Serialize(state, StateJson.Options), version);
                }
                await repairs.StartAsync(IOrgGrain.PartsStateName, org.Code, JsonSerializer.Serialize(rebuilt, StateJson.Options), partsVersion);
                parts = rebuilt;
                Interlocked.Increment(ref repaired);
            }
            return version > 0 || parts.Children.Count > 0 || parts.Stations.Count > 0
                ? new ChildTotals(org.Code, parts.TotalsWith(state.OwnAggregate, today), state.Version)
                : null;
        }

        await foreach (var (root, stored, storedParts) in WithStoredStatesAsync(directory.All.Where(o => o.ParentCode is null).ToList(), withParts))
            await RecoverAsync(root, stored, storedParts);
        await repairs.AllWrittenAsync();
        // An idle pool thread can keep the last task it ran, and with it this walk, reachable: the stations' totals (hundreds
        // of MB nationally) are let go here, so the collection after start-up hands their memory back.
        stationsByOrg.Clear();
        logger.LogInformation("Roll-up checked over {Orgs} orgs; {Repaired} brought up to date with their children", directory.Count, repaired);
        return repaired;
    }

    /// <summary>Each station's totals under the org that runs it; a station's stored state is dropped as soon as it is read.</summary>
    private async Task<Dictionary<string, List<StationTotals>>> StationsByOrgAsync()
    {
        var stationsByOrg = new Dictionary<string, List<StationTotals>>();
        await foreach (var stored in store.ReadAllAsync(IStationGrain.StateName))
        {
            if (StoredStates.Read<StationState>(stored) is not { Info: { } info } state)
                continue;
            if (!stationsByOrg.TryGetValue(info.OrgCode, out var stations))
                stationsByOrg[info.OrgCode] = stations = [];
            stations.Add(new StationTotals(stored.Key, Aggregate.OfStation(state.DailyVisits), state.Version));
        }
        return stationsByOrg;
    }

    /// <summary>The orgs with their stored own and parts states, read a batch of siblings at a time.</summary>
    private async IAsyncEnumerable<(OrgInfo Org, StoredState? Stored, StoredState? Parts)> WithStoredStatesAsync(IReadOnlyList<OrgInfo> orgs,
        HashSet<string> withParts)
    {
        foreach (var batch in orgs.Chunk(StoredStates.Batch))
        {
            var stored = (await store.ReadManyAsync(IOrgGrain.StateName, batch.Select(o => o.Code).ToList())).ToDictionary(s => s.Key);
            var partsCodes = batch.Select(o => o.Code).Where(withParts.Contains).ToList();
            Dictionary<string, StoredState> parts = partsCodes.Count == 0 ? [] : (await store.ReadManyAsync(IOrgGrain.PartsStateName, partsCodes)).ToDictionary(s => s.Key);
            foreach (var org in batch)
                yield return (org, stored.GetValueOrDefault(org.Code), parts.GetValueOrDefault(org.Code));
        }
    }

    private static bool Same(IReadOnlyDictionary<string, ChildTotals> stored, IReadOnlyDictionary<string, ChildTotals> actual) =>
        stored.Count == actual.Count && actual.All(a => stored.TryGetValue(a.Key, out var s) && s.Version == a.Value.Version && s.Totals.SameAs(a.Value.Totals));

    private static bool Same(IReadOnlyDictionary<string, StationTotals> stored, IReadOnlyDictionary<string, StationTotals> actual) =>
        stored.Where(s => s.Value.Totals is not null).Count() == actual.Count &&
        actual.All(a => stored.TryGetValue(a.Key, out var s) && s.Version == a.Value.Version && s.Totals is not null && s.Totals.SameAs(a.Value.Totals!));
}
