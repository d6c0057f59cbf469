using System.Diagnostics;
using Coverage.Bench.Harness;
using Coverage.Bench.Startup;
using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Coverage.Silo.Hierarchy;

namespace Coverage.Bench.Search;

/// <summary>
/// Org search (what `GET /api/v1/orgs?q=` and the dashboard's 查找组织 run) on a national tree held in memory: the first
/// query, which makes the search's index, typical queries once it is made, the first query after a registration, and the
/// memory the index keeps.
/// </summary>
public static class SearchBenchmark
{
    public static Task RunAsync(BenchArgs options)
    {
        var units = options.Int("units", 2_800_000);
        var rounds = options.Int("rounds", 5);
        var directory = new OrgDirectory();
        var counties = directory.All.Where(o => o.Level == OrgLevel.County).ToList();
        Console.Error.WriteLine($"registering {units:N0} grassroots unions under {counties.Count:N0} counties");
        directory.PutMany(Enumerable.Range(0, units).Select(i => NationalTree.Unit(counties, i)));
        var search = new OrgSearch(directory);
        var county = counties[0];
        var province = ProvinceOf(directory, county);
        var unit = NationalTree.Unit(counties, units / 2);
        var table = new Table("query", "matches", "first ms", "median ms", "max ms");
        var heldBefore = Held();
        Measure(table, search, rounds, "first query after start: one unit by name", unit.Name, null, null);
        var heldByIndex = Held() - heldBefore;
        Measure(table, search, rounds, "one unit by name", unit.Name, null, null);
        Measure(table, search, rounds, "every unit (基层工会), first 20", "基层工会", null, null);
        Measure(table, search, rounds, $"a county's code ({county.Code})", county.Code, null, null);
        Measure(table, search, rounds, "one character (第), first 20", "第", null, null);
        Measure(table, search, rounds, "no match", "不存在的名称", null, null);
        Measure(table, search, rounds, $"every unit, a county's key ({county.Name})", "基层工会", null, county.Code);
        Measure(table, search, rounds, $"every unit, a province's key ({province.Name})", "基层工会", null, province.Code);
        Measure(table, search, rounds, "every city (level=city)", null, OrgLevel.City, null);
        var registered = 0;
        OrgInfo Registered() => new($"{county.Code}-NEW{registered++}", "新登记的基层工会", OrgLevel.Grassroots, OrgKind.Joint, county.Code);
        Measure(table, search, rounds, "one unit by name, just after a registration", unit.Name, null, null, () => directory.Put(Registered()));
        directory.PutMany([.. Enumerable.Range(0, OrgSearch.RebuildAfter - search.ChangedSinceIndex).Select(_ => Registered())]);
        var changed = $"{search.ChangedSinceIndex:N0} registered since the index";
        Measure(table, search, rounds, $"one unit by name, {changed}", unit.Name, null, null);
        Measure(table, search, rounds, $"every unit, {changed}", "基层工会", null, null);
        directory.Put(Registered());
        var started = Stopwatch.GetTimestamp();
        search.FindAsync(unit.Name, null, 20, 0).GetAwaiter().GetResult();
        search.Rebuilding.GetAwaiter().GetResult();
        table.Add("past that, a fresh index made in the background", "", $"{Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}", "", "");
        table.Add("memory the index holds", "", "", $"{heldByIndex / 1_048_576.0:N0} MB", "");
        table.Print($"search: {units:N0} grassroots units, {rounds} rounds per query, 20 a page");
        return Task.CompletedTask;
    }

    private static void Measure(Table table, OrgSearch search, int rounds, string label, string? q, OrgLevel? level, string? under, Action? before = null)
    {
        var times = new List<double>();
        var total = 0;
        for (var round = 0; round < rounds; round++)
        {
            before?.Invoke();
            var started = Stopwatch.GetTimestamp();
            total = search.FindAsync(q, level, 20, 0, under).GetAwaiter().GetResult().Total;
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        table.Add(label, $"{total:N0}", $"{times[0]:F1}", $"{Stats.Median(times):F1}", $"{times.Max():F1}");
    }

    private static OrgInfo ProvinceOf(OrgDirectory directory, OrgInfo org)
    {
        while (org.Level != OrgLevel.Province)
            org = directory.Find(org.ParentCode!)!;
        return org;
    }

    private static long Held()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
