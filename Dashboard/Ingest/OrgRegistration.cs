using Coverage.Contracts;
using Coverage.Dashboard.Realtime;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.History;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Coverage.Silo.Targets;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Registers and deregisters federations that are not divisions and grassroots unions, one request at a time, so two
/// concurrent requests cannot both claim one code, nor one register below an org another is deregistering.
/// </summary>
public sealed class OrgRegistration(OrgDirectory directory, OrgRegistry registry, GrainRuntime runtime, KeyedConnections connections,
    TargetStore targets, OrgHistory history, StationArrivals arrivals, StoredStations storedStations)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The level of the federations registered under each level; a county has grassroots unions below it instead.</summary>
    public static OrgLevel? FederationLevelUnder(OrgLevel parent) => parent switch
    {
        OrgLevel.National => OrgLevel.Province,
        OrgLevel.Province => OrgLevel.City,
        OrgLevel.City => OrgLevel.County,
        _ => null,
    };

    /// <summary>
    /// Registers or renames a federation under its parent, with its audit entry; or, when the code belongs to a division or
    /// to an org registered elsewhere or as something else, nothing, answering which org holds it.
    /// </summary>
    public async Task<(OrgInfo? Org, bool Created, OrgInfo? Holder)> PutFederationAsync(string parentCode, string code, string name, OrgKind kind,
        Func<OrgInfo, Statement> audit)
    {
        var level = FederationLevelUnder(directory.Find(parentCode)!.Level)
            ?? throw new ArgumentException($"{parentCode} has no federations below it.", nameof(parentCode));
        await _gate.WaitAsync();
        try
        {
            // A federation deregistered from this parent may be registered again at its level; its code is no other org's to take.
            if (directory.FindDeregistered(code) is { } deregistered && (deregistered.ParentCode != parentCode || deregistered.Level != level))
                return (null, false, deregistered);
            var existing = directory.Find(code);
            if (existing is not null && (directory.IsListed(code) || existing.ParentCode != parentCode || existing.Level != level))
                return (null, false, existing);
            var federation = new OrgInfo(code, name, level, kind, parentCode);
            await registry.PutAllAsync(existing == federation ? [] : [federation], [audit(federation)]);
            return (federation, existing is null, null);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Null and the org holding the code when it is taken; otherwise the unit and whether it is new.</summary>
    public async Task<(OrgInfo? Unit, bool Created, OrgInfo? Holder)> PutAsync(string countyCode, string unitCode, string name, OrgKind kind,
        Func<OrgInfo, Statement> audit)
    {
        var (counts, taken) = await PutManyAsync(countyCode, [new UnitItem("", unitCode, name, kind)], audit);
        return taken.Count > 0 ? (null, false, taken[0].Holder) : (directory.Find(unitCode), counts.Registered == 1, null);
    }

    /// <summary>
    /// Registers or renames every unit in one transaction, with an audit entry for each; or, when any code belongs to another
    /// county or to a division, none of them, answering which.
    /// </summary>
    public async Task<(UnitsBatchResult Counts, IReadOnlyList<(UnitItem Item, OrgInfo Holder)> Taken)> PutManyAsync(string countyCode,
        IReadOnlyList<UnitItem> items, Func<OrgInfo, Statement> audit)
    {
        await _gate.WaitAsync();
        try
        {
            var taken = new List<(UnitItem, OrgInfo)>();
            var units = new List<OrgInfo>(items.Count);
            var changed = new List<OrgInfo>();
            var registered = 0;
            foreach (var item in items)
            {
                var existing = directory.Find(item.Code);
                // A unit deregistered from this county may be registered again; its code is no other org's to take.
                if ((existing ?? directory.FindDeregistered(item.Code)) is { } holder && (holder.Level != OrgLevel.Grassroots || holder.ParentCode != countyCode))
                {
                    taken.Add((item, holder));
                    continue;
                }
                var unit = new OrgInfo(item.Code, item.Name, OrgLevel.Grassroots, item.Kind, countyCode);
                units.Add(unit);
                if (existing != unit)
                    changed.Add(unit);
                if (existing is null)
                    registered++;
            }
            if (taken.Count > 0)
                return (new UnitsBatchResult(0, 0, 0), taken);
            await registry.PutAllAsync(changed, units.Select(audit));
            return (new UnitsBatchResult(registered, changed.Count - registered, items.Count - changed.Count), []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Deregisters grassroots unions of a county: each is gone from the tree, its stored figures with it, and its totals
    /// leave the county's; its keys are revoked and their live connections closed; an audit entry for each keeps its last
    /// figures and the keys revoked. None is deregistered when any code is not a unit of the county, answering which.
    /// </summary>
    public async Task<(int Deregistered, IReadOnlyList<string> Unknown)> DeregisterUnitsAsync(string countyCode, IReadOnlyList<string> codes,
        Func<OrgInfo, Figures?, IReadOnlyList<string>, Statement> audit)
    {
        await _gate.WaitAsync();
        try
        {
            var unknown = codes.Where(code => directory.Find(code) is not { Level: OrgLevel.Grassroots } unit || unit.ParentCode != countyCode).ToList();
            if (unknown.Count > 0)
                return (0, unknown);
            var units = codes.Distinct(StringComparer.Ordinal).Select(code => directory.Find(code)!).ToList();
            await DeregisterAsync(countyCode, units, audit);
            return (units.Count, []);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Deregisters a federation registered under its parent (a mistake, or a body dissolved), as a unit is deregistered; only
    /// one with no org below it and no station, so nothing is left without a parent; a station registered meanwhile keeps it.
    /// Answers whether the parent has such a registered federation, and what is still below it when it does.
    /// </summary>
    public async Task<(bool Found, int Children, int Stations)> DeregisterFederationAsync(string parentCode, string code,
        Func<OrgInfo, Figures?, IReadOnlyList<string>, Statement> audit)
    {
        await _gate.WaitAsync();
        try
        {
            if (directory.Find(code) is not { } federation || federation.ParentCode != parentCode || federation.Level == OrgLevel.Grassroots
                || directory.IsListed(code))
                return (false, 0, 0);
            var children = directory.ChildrenOf(code).Count;
            var stations = (await runtime.GetGrain<IOrgGrain>(code).GetRollup()).Stations.Values.Count(s => s.Totals is not null);
            if (children > 0 || stations > 0)
                return (true, children, stations);
            // A station registered as the roll-up was read is stored under the federation before its report reaches it.
            await DeregisterAsync(parentCode, [federation], audit, async () =>
            {
                await arrivals.SettledAsync(code);
                if (await storedStations.CountOfAsync(code) is > 0 and var arrived)
                    throw new StationsArrivedException(arrived);
            });
            return (true, 0, 0);
        }
        catch (StationsArrivedException arrived)
        {
            return (true, 0, arrived.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Orgs with nothing below them leave the tree, their parent and their keys' connections; called inside the gate.
    /// <paramref name="stillEmpty"/> runs once they are out of the directory, and throws to keep them when something arrived below them.
    /// </summary>
    private async Task DeregisterAsync(string parentCode, IReadOnlyList<OrgInfo> orgs, Func<OrgInfo, Figures?, IReadOnlyList<string>, Statement> audit,
        Func<Task>? stillEmpty = null)
    {
        // Loaded first, so a load under way cannot bring back targets the deregistration deletes.
        await targets.LoadedAsync();
        var revoked = await registry.DeregisterAllAsync(orgs, async () =>
        {
            if (stillEmpty is not null)
                await stillEmpty();
            await Task.WhenAll(orgs.Select(org => runtime.DeactivateAsync<IOrgGrain>(org.Code)));
        }, audit);
        var codes = orgs.Select(org => org.Code).ToHashSet(StringComparer.Ordinal);
        await targets.ForgetAsync(codes);
        history.Forget(codes);
        await runtime.GetGrain<IOrgGrain>(parentCode).RemoveChildren([.. codes]);
        foreach (var keyId in revoked)
            connections.CloseAll(keyId);
    }

    private sealed class StationsArrivedException(int count) : Exception("Stations were registered below the org being deregistered.")
    {
        public int Count => count;
    }
}

/// <summary>What a batch of units did: units new to the county, units renamed or re-kinded, units already as sent.</summary>
public sealed record UnitsBatchResult(int Registered, int Renamed, int Unchanged);
