using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;

namespace Coverage.Silo.Analytics;

/// <summary>
/// The stations in a subtree, found through the orgs' roll-ups: a child whose reported totals count no station is not
/// entered, so a province's walk touches only the orgs that run stations and their ancestors.
/// </summary>
public sealed class StationIndex(IGrainFactory grains)
{
    /// <summary>The ids of the stations in the subtree, in id order.</summary>
    public async Task<IReadOnlyList<string>> IdsInSubtreeAsync(string code)
    {
        var ids = new List<string>();
        var level = new List<string> { code };
        while (level.Count > 0)
        {
            var rollups = await Task.WhenAll(level.Select(c => grains.GetGrain<IOrgGrain>(c).GetRollup()));
            ids.AddRange(rollups.SelectMany(r => r.Stations.Values.Where(s => s.Totals is not null).Select(s => s.StationId)));
            level = rollups.SelectMany(r => r.Children.Values.Where(c => c.Totals.Stations > 0).Select(c => c.Code)).ToList();
        }
        return ids.Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The summaries of these stations, in the order given; a station no longer registered is left out.</summary>
    public async Task<IReadOnlyList<StationSummary>> SummariesAsync(IEnumerable<string> ids) =>
        (await Task.WhenAll(ids.Select(id => grains.GetGrain<IStationGrain>(id).GetSummary()))).OfType<StationSummary>().ToList();
}
