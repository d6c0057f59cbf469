using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Targets;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// This year's targets the national federation sets each province, each province its cities and each city its counties,
/// so the demo's rankings show attainment and who is behind: new members of 3–9 % of today's (the demo history grows
/// counties by 2–9 % a year) and a membership rate near today's. An org that already has targets for the year keeps them, and
/// federations registered through the API are left to their parents.
/// </summary>
public sealed class DemoTargets(OrgDirectory directory, IGrainFactory grains, TargetStore targets, TimeProvider clock)
{
    public async Task<int> SetAsync(int seed)
    {
        var year = ChinaClock.Today(clock).Year;
        var random = new Random(seed);
        var sets = new List<(string Code, int Year, IReadOnlyDictionary<string, double> Targets)>();
        var federations = directory.All.Where(o => o.Level is OrgLevel.Province or OrgLevel.City or OrgLevel.County && directory.IsListed(o.Code))
            .OrderBy(o => o.Code);
        var without = new List<OrgInfo>();
        foreach (var org in federations)
        {
            // Asked of memory first, so a start in a year whose targets are set wakes no grain.
            if (await targets.FindAsync(org.Code, year) is null)
                without.Add(org);
        }
        foreach (var chunk in without.Chunk(256))
        {
            foreach (var summary in await Task.WhenAll(chunk.Select(o => grains.GetGrain<IOrgGrain>(o.Code).GetSummary())))
            {
                if (summary.Totals.Members == 0)
                    continue;
                var set = new Dictionary<string, double>
                {
                    ["newMembers"] = Math.Max(100, Math.Round(summary.Totals.Members * (0.03 + (random.NextDouble() * 0.06)) / 100) * 100),
                };
                if (summary.Rates.Membership is { } membership)
                    set["membership"] = Math.Round(Math.Clamp(membership - 0.04 + (random.NextDouble() * 0.1), 0.05, 0.99), 2);
                sets.Add((summary.Code, year, set));
            }
        }
        if (sets.Count > 0)
            await targets.PutManyAsync(sets, recorded: null);
        return sets.Count;
    }
}
