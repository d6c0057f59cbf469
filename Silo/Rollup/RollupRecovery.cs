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
        // Kept as stored and read one org at a time, so a large tree's states are not all held as objects at once.
        var orgs = (await store.ReadAllAsync(IOrgGrain.StateName)).ToDictionary(s => s.Key);
        var storedParts = (await store.ReadAllAsync(IOrgGrain.PartsStateName)).ToDictionary(s => s.Key);
        var stationsByOrg = (await store.ReadAllAsync(IStationGrain.StateName))
            .Select(s => (s.Key, State: Read<StationState>(s)))
            .Where(s => s.State.Info is not null)
            .ToLookup(s => s.State.Info!.OrgCode, s => new StationTotals(s.Key, Aggregate.OfStation(s.State.DailyVisits), s.State.Version));
        var repaired = 0;

        // Depth first, each org after its children, so only the children of the orgs on the current path are held.
        async Task<ChildTotals?> RecoverAsync(OrgInfo org)
        {
            var children = new Dictionary<string, ChildTotals>();
            foreach (var child in directory.ChildrenOf(org.Code))
            {
                if (await RecoverAsync(child) is { } reported)
                    children[child.Code] = reported;
            }
            var (state, version) = orgs.Remove(org.Code, out var found) ? (Read<OrgState>(found), found.Version) : (new OrgState(), 0L);
            var (parts, partsVersion) = storedParts.Remove(org.Code, out var foundParts) ? (Read<OrgParts>(foundParts), foundParts.Version) : (new OrgParts(), 0L);
            var stations = stationsByOrg[org.Code].ToDictionary(s => s.StationId);
            if (!Same(parts.Children, children) || !Same(parts.Stations, stations))
            {
                var before = parts.TotalsWith(state.OwnAggregate, today);
                var rebuilt = new OrgParts { Children = children, Stations = stations };
                if (!rebuilt.TotalsWith(state.OwnAggregate, today).SameAs(before))
                {
                    state.Version++;
                    state.UpdatedAt = clock.GetUtcNow();
                    await store.WriteAsync(IOrgGrain.StateName, org.Code, JsonSerializer.Serialize(state, StateJson.Options), version);
                }
                await store.WriteAsync(IOrgGrain.PartsStateName, org.Code, JsonSerializer.Serialize(rebuilt, StateJson.Options), partsVersion);
                parts = rebuilt;
                repaired++;
            }
            return version > 0 || parts.Children.Count > 0 || parts.Stations.Count > 0
                ? new ChildTotals(org.Code, parts.TotalsWith(state.OwnAggregate, today), state.Version)
                : null;
        }

        foreach (var root in directory.All.Where(o => o.ParentCode is null).ToList())
            await RecoverAsync(root);
        logger.LogInformation("Roll-up checked over {Orgs} orgs; {Repaired} brought up to date with their children", directory.Count, repaired);
        return repaired;
    }

    private static T Read<T>(StoredState stored) where T : new() =>
        JsonSerializer.Deserialize<T>(stored.Payload, StateJson.Options) ?? new T();

    private static bool Same(IReadOnlyDictionary<string, ChildTotals> stored, IReadOnlyDictionary<string, ChildTotals> actual) =>
        stored.Count == actual.Count && actual.All(a => stored.TryGetValue(a.Key, out var s) && s.Version == a.Value.Version && s.Totals.SameAs(a.Value.Totals));

    private static bool Same(IReadOnlyDictionary<string, StationTotals> stored, IReadOnlyDictionary<string, StationTotals> actual) =>
        stored.Where(s => s.Value.Totals is not null).Count() == actual.Count &&
        actual.All(a => stored.TryGetValue(a.Key, out var s) && s.Version == a.Value.Version && s.Totals is not null && s.Totals.SameAs(a.Value.Totals!));
}
