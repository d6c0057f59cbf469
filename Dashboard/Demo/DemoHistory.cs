using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.History;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// A year of plausible history behind the seeded figures: membership and new-employment membership grow towards today's
/// values along a slightly noisy path. Counties get a point a month (as counties report), every federation above them a
/// point a week and one at each month's end, each the sum of its counties on that day, so history obeys the same roll-up
/// rule as the live totals. Those days are the last days of weekly and monthly buckets, where federations also carry
/// their stations' visits of the 30 days before, rising towards today's level as stations took on more visitors.
/// </summary>
public sealed class DemoHistory(OrgDirectory directory, IGrainFactory grains, OrgHistory history, TimeProvider clock)
{
    private const int Weeks = 53;

    public async Task<int> WriteAsync(int seed)
    {
        var today = ChinaClock.Today(clock);
        var counties = directory.All.Where(o => o.Level == OrgLevel.County).ToList();
        var current = new Dictionary<string, Aggregate>();
        foreach (var chunk in counties.Chunk(256))
        {
            foreach (var rollup in await Task.WhenAll(chunk.Select(c => grains.GetGrain<IOrgGrain>(c.Code).GetRollup())))
                current[rollup.Code] = rollup.Totals;
        }
        var random = new Random(seed);
        var growth = counties.ToDictionary(c => c.Code, _ => (Members: 0.02 + (random.NextDouble() * 0.07), NewEmployment: 0.2 + (random.NextDouble() * 0.3)));
        var ancestors = counties.ToDictionary(c => c.Code, Ancestors);
        var visitsPerDay = VisitsPerDay(counties, current, ancestors);
        var points = new List<(string, DateOnly, Aggregate)>();
        foreach (var day in Days(today))
        {
            var yearsAgo = (today.DayNumber - day.DayNumber) / 365.0;
            var federations = new Dictionary<string, List<Aggregate>>();
            foreach (var county in counties)
            {
                var then = Back(current[county.Code], growth[county.Code], yearsAgo, random);
                if (day.Day <= 7 && day.DayOfWeek == DayOfWeek.Sunday)
                    points.Add((county.Code, day, then));
                foreach (var ancestor in ancestors[county.Code])
                    (federations.TryGetValue(ancestor, out var parts) ? parts : federations[ancestor] = []).Add(then);
            }
            points.AddRange(federations.Select(f => (f.Key, day,
                Aggregate.Sum(f.Value) with { DailyVisits = Visits(day, visitsPerDay.GetValueOrDefault(f.Key) * (1 - (0.35 * yearsAgo)), random) })));
        }
        return await history.WriteAsync(points);
    }

    /// <summary>The year's Sundays and months' last days before today, oldest first: the last days of weekly and monthly buckets.</summary>
    private static IEnumerable<DateOnly> Days(DateOnly today)
    {
        var first = today.AddDays(-(int)today.DayOfWeek - (7 * (Weeks - 1)));
        return Enumerable.Range(0, today.DayNumber - first.DayNumber).Select(first.AddDays)
            .Where(day => day.DayOfWeek == DayOfWeek.Sunday || day.AddDays(1).Day == 1);
    }

    /// <summary>Each federation's average visits a day over its stations' reported days, as they stand now.</summary>
    private static Dictionary<string, double> VisitsPerDay(List<OrgInfo> counties, Dictionary<string, Aggregate> current,
        Dictionary<string, List<string>> ancestors)
    {
        var perDay = new Dictionary<string, double>();
        foreach (var county in counties)
        {
            var visits = current[county.Code].DailyVisits;
            if (visits.Count == 0)
                continue;
            var average = visits.Values.Sum() / (double)visits.Count;
            foreach (var ancestor in ancestors[county.Code])
                perDay[ancestor] = perDay.GetValueOrDefault(ancestor) + average;
        }
        return perDay;
    }

    /// <summary>Visits on each of the 30 days up to <paramref name="day"/>, around a level, varying a tenth from day to day.</summary>
    private static Dictionary<string, long> Visits(DateOnly day, double level, Random random) =>
        level <= 0
            ? []
            : Enumerable.Range(0, 30).ToDictionary(
                back => Aggregate.Day(day.AddDays(-back)),
                _ => (long)(level * (0.9 + (random.NextDouble() * 0.2))));

    private List<string> Ancestors(OrgInfo county)
    {
        var chain = new List<string>();
        for (var parent = county.ParentCode; parent is not null; parent = directory.Find(parent)?.ParentCode)
            chain.Add(parent);
        return chain;
    }

    /// <summary>Today's aggregate as it stood a fraction of a year ago: fewer members, far fewer new-employment members.</summary>
    private static Aggregate Back(Aggregate now, (double Members, double NewEmployment) growth, double yearsAgo, Random random)
    {
        var noise = 1 + ((random.NextDouble() - 0.5) * 0.004);
        var members = 1 - (growth.Members * yearsAgo * noise);
        var newEmployment = 1 - (growth.NewEmployment * yearsAgo * noise);
        return now with
        {
            Members = (long)(now.Members * members),
            VerifiedMembers = (long)(now.VerifiedMembers * (members - (0.04 * yearsAgo))),
            UnitsUnionized = (long)(now.UnitsUnionized * (1 - (0.05 * yearsAgo))),
            NewEmployment = now.NewEmployment.ToDictionary(g => g.Key, g => g.Value with { Members = (long)(g.Value.Members * newEmployment) }),
            DailyVisits = new Dictionary<string, long>(),
        };
    }
}
