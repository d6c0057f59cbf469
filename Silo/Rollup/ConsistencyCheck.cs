using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;

namespace Coverage.Silo.Rollup;

/// <summary>
/// Walks the whole tree through the grains and reports every org whose totals differ from its own figures plus the
/// current totals of its children and stations. Meaningful once updates have settled; mid-flight it shows propagation lag.
/// </summary>
public sealed class ConsistencyCheck(IGrainFactory grains, IOrgDirectory directory, TimeProvider clock)
{
    public async Task<ConsistencyReport> RunAsync(CancellationToken cancellationToken = default)
    {
        // One snapshot of the tree for the whole walk: a unit registered meanwhile is left to the next check.
        var orgs = directory.All.ToList();
        var childrenOf = orgs.Where(o => o.ParentCode is not null).ToLookup(o => o.ParentCode!);
        var rollups = new Dictionary<string, OrgRollup>(orgs.Count);
        foreach (var chunk in orgs.Chunk(256))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var rollup in await Task.WhenAll(chunk.Select(o => grains.GetGrain<IOrgGrain>(o.Code).GetRollup())))
                rollups[rollup.Code] = rollup;
        }
        var stations = new Dictionary<string, StationSummary?>();
        foreach (var chunk in rollups.Values.SelectMany(r => r.Stations.Keys).Distinct().Chunk(256))
        {
            var summaries = await Task.WhenAll(chunk.Select(id => grains.GetGrain<IStationGrain>(id).GetSummary()));
            for (var i = 0; i < chunk.Length; i++)
                stations[chunk[i]] = summaries[i];
        }

        // Both sides as of today: a part last computed on an earlier day may still hold a visit day that has since dropped out.
        var today = ChinaClock.Today(clock);
        var problems = new List<Inconsistency>();
        foreach (var org in orgs)
        {
            var rollup = rollups[org.Code];
            var children = childrenOf[org.Code].Select(c => rollups[c.Code].Totals);
            var ownStations = rollup.Stations.Values.Where(s => s.Totals is not null).ToList();
            var expected = Aggregate.Sum(children.Concat(ownStations.Select(s => s.Totals!)).Prepend(rollup.Own)).TrimmedTo(today);
            var totals = rollup.Totals.TrimmedTo(today);
            var found = new List<string>();
            if (!expected.SameAs(totals))
                found.Add("totals differ from own + Σ children + stations");
            found.AddRange(childrenOf[org.Code]
                .Where(c => rollup.Children.TryGetValue(c.Code, out var seen) ? !seen.Totals.SameAs(rollups[c.Code].Totals) : !rollups[c.Code].Totals.SameAs(Aggregate.Empty))
                .Select(c => $"holds stale totals for child {c.Code}"));
            found.AddRange(ownStations.Where(s => stations[s.StationId]?.OrgCode != org.Code)
                .Select(s => $"counts station {s.StationId}, which belongs to another org"));
            if (found.Count > 0)
                problems.Add(new Inconsistency(org.Code, org.Name, totals, expected, found));
        }
        return new ConsistencyReport(orgs.Count, problems);
    }
}
