using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Rollup;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Coverage.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Rollup;

[Collection(Isolated.Name)]
public sealed class RollupTests
{
    private const string National = "000000";

    [Fact]
    public async Task CountyChangeReachesTheNationalTotalsWithinOneSecond()
    {
        await using var silo = await SiloHost.StartAsync();
        var national = silo.Grains.GetGrain<IOrgGrain>(National);
        var before = (await national.GetSummary()).Totals.Members;
        var clock = Stopwatch.StartNew();

        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(41_000));

        await Eventually.TrueAsync(async () => (await national.GetSummary()).Totals.Members == before + 41_000, TimeSpan.FromSeconds(1),
            "the national total including the county's members");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ANationNobodyWatchesPublishesAboutOncePerFiftyMillisecondsUnderSteadyReports()
    {
        await using var silo = await SiloHost.StartAsync();
        var national = silo.Grains.GetGrain<IOrgGrain>(National);
        var before = await national.GetSummary();
        var clock = Stopwatch.StartNew();

        long reports = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            reports++;
            await national.ReportChild(new ChildTotals(Guangxi, Aggregate.Of(Figure.Of(reports)), reports));
            // A steady stream about a millisecond apart; Task.Delay(1) waits 10–20 ms on Linux.
            Thread.Sleep(1);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var elapsed = clock.Elapsed;

        var after = await national.GetSummary();
        Assert.Equal(reports, after.Totals.Members);
        var publishedAtMost = 4 + (long)(elapsed / TimeSpan.FromMilliseconds(50)) + 2;
        Assert.InRange(after.Version - before.Version, 1, publishedAtMost);
        Assert.True(reports > 2 * publishedAtMost, $"only {reports} reports were sent; too few to tell pacing from none");
    }

    [Fact]
    public async Task AnOrderlyStopWritesEveryReportUpToTheNationAndLeavesNoGrainAwake()
    {
        await using var silo = await SiloHost.StartAsync();
        var directory = silo.Services.GetRequiredService<IOrgDirectory>();
        var counties = directory.All.Where(o => o.Level == OrgLevel.County && directory.IsWithin(o.Code, Guangxi)).ToList();

        await Parallel.ForEachAsync(counties, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (county, _) =>
            await silo.Grains.GetGrain<IOrgGrain>(county.Code).SetFigures(Figure.Of(10)));
        await silo.StopAsync();

        Assert.Equal(0, silo.Runtime.ActivationCount);
        var parts = await silo.Store.ReadAsync(IOrgGrain.PartsStateName, National);
        var state = System.Text.Json.JsonSerializer.Deserialize<OrgParts>(parts!.Payload, Silo.Runtime.StateJson.Options)!;
        Assert.Equal(counties.Count * 10, state.TotalsWith(Aggregate.Empty, ChinaClock.Today(TimeProvider.System)).Members);
    }

    [Fact]
    public async Task TotalsAreOwnFiguresPlusChildrenAndRatesComeFromSums()
    {
        await using var silo = await SiloHost.StartAsync();
        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(100, courierMembers: 10) with { Employees = 1000 });
        await silo.Grains.GetGrain<IOrgGrain>(Qingxiu).SetFigures(Figure.Of(900, courierMembers: 30) with { Employees = 1000 });
        await silo.Grains.GetGrain<IOrgGrain>(Nanning).SetFigures(Figure.Of(0) with { Employees = 0 });
        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);

        await Eventually.TrueAsync(async () => (await city.GetSummary()).Totals.Members == 1000, TimeSpan.FromSeconds(2));
        var summary = await city.GetSummary();
        Assert.Equal(2000, summary.Totals.Employees);
        Assert.Equal(0.5, summary.Rates.Membership);
        Assert.Equal(new GroupFigures(80, 40), summary.Totals.NewEmployment["courier"]);
        Assert.Equal(0.5, summary.Rates.NewEmploymentByGroup["courier"]);
    }

    [Fact]
    public async Task ManyConcurrentUpdatesLeaveTheWholeTreeConsistent()
    {
        await using var silo = await SiloHost.StartAsync();
        var counties = new[] { "450102", "450103", "450105", "450107", "450108", "450109", "450202", "450203", "370102", "110101", "310101" };
        var writes = Enumerable.Range(0, 400).Select(i =>
            silo.Grains.GetGrain<IOrgGrain>(counties[i % counties.Length]).SetFigures(Figure.Of(1000 + i, DateTimeOffset.UtcNow.AddTicks(i))));
        await Task.WhenAll(writes);

        var check = silo.Services.GetRequiredService<ConsistencyCheck>();
        await Eventually.TrueAsync(async () => (await check.RunAsync()).Consistent, TimeSpan.FromSeconds(3), "a consistent tree");
        var national = await silo.Grains.GetGrain<IOrgGrain>(National).GetSummary();
        var expected = 0L;
        foreach (var county in counties)
            expected += (await silo.Grains.GetGrain<IOrgGrain>(county).GetSummary()).Own!.Members;
        Assert.Equal(expected, national.Totals.Members);
    }

    [Fact]
    public async Task ABurstOfCountyChangesReachesTheProvinceWatchersWithoutAnyRead()
    {
        var watched = new LatestSummaries();
        await using var silo = await SiloHost.StartAsync(services: services => services.AddSingleton<IOrgChangeSink>(watched));
        var counties = new[] { "450102", "450103", "450105", "450107", "450108", "450109", "450202", "450203" };

        await Task.WhenAll(counties.Select((county, i) => silo.Grains.GetGrain<IOrgGrain>(county).SetFigures(Figure.Of(1000 + i))));

        var expected = counties.Select((_, i) => 1000L + i).Sum();
        await Eventually.TrueAsync(() => watched.MembersOf(Guangxi) == expected, TimeSpan.FromSeconds(1),
            "the province's published totals including every county");
    }

    [Fact]
    public async Task ALaterSnapshotWithTheSameCountsReachesWatchers()
    {
        var watched = new LatestSummaries();
        await using var silo = await SiloHost.StartAsync(services: services => services.AddSingleton<IOrgChangeSink>(watched));
        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        var monday = DateTimeOffset.Parse("2026-11-23T09:30:00+08:00");

        await county.SetFigures(Figure.Of(800, monday));
        await county.SetFigures(Figure.Of(800, monday.AddDays(1)));

        Assert.Equal(monday.AddDays(1), watched.OwnAsOfOf(Xingning));
    }

    [Fact]
    public async Task DuplicateAndReorderedChildReportsAreHarmless()
    {
        await using var silo = await SiloHost.StartAsync();
        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);
        var newer = new ChildTotals(Xingning, Aggregate.Of(Figure.Of(500)), 7);
        var older = new ChildTotals(Xingning, Aggregate.Of(Figure.Of(300)), 6);

        await city.ReportChild(newer);
        await city.ReportChild(older);
        await city.ReportChild(newer);

        Assert.Equal(500, (await city.GetSummary()).Totals.Members);
    }

    [Fact]
    public async Task AReportThatDoesNotArriveIsSentAgain()
    {
        await using var silo = await StartWithFlakyStoreAsync(collectIdleGrainsQuickly: false);
        ((FlakyStateStore)silo.Store).FailNextReads(Nanning, 1);

        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(41_000));

        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);
        await Eventually.TrueAsync(async () => (await city.GetSummary()).Totals.Members == 41_000, TimeSpan.FromSeconds(5),
            "the city's totals including the county whose first report found the city unable to start");
    }

    [Fact]
    public async Task AReportThatKeepsFailingIsWarnedOfOnceNotAtEveryResend()
    {
        var log = new LogCapture(typeof(OrgGrain));
        await using var silo = await StartWithFlakyStoreAsync(collectIdleGrainsQuickly: false, log);
        var store = (FlakyStateStore)silo.Store;
        store.FailNextReads(Nanning, int.MaxValue);

        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(41_000));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        store.FailNextReads(Nanning, 0);

        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);
        await Eventually.TrueAsync(async () => (await city.GetSummary()).Totals.Members == 41_000, TimeSpan.FromSeconds(5),
            "the city's totals including the county's report, resent until the city could start");
        var warned = Assert.Single(log.Of<OrgGrain>(LogLevel.Warning), e => e.Message.Contains("did not arrive"));
        Assert.Contains(Xingning, warned.Message);
        Assert.IsType<IOException>(Assert.IsType<GrainActivationException>(warned.Exception).InnerException);
    }

    [Fact]
    public async Task AReportStillFailingWhenTheChildWasCollectedArrivesWhenTheChildWakes()
    {
        await using var silo = await StartWithFlakyStoreAsync(collectIdleGrainsQuickly: true);
        var store = (FlakyStateStore)silo.Store;
        store.FailNextReads(Nanning, int.MaxValue);
        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(500));
        await Eventually.TrueAsync(() => Task.FromResult(silo.Runtime.ActivationCount == 0), TimeSpan.FromSeconds(5), "the county collected");
        store.FailNextReads(Nanning, 0);

        await silo.Grains.GetGrain<IOrgGrain>(Xingning).GetSummary();

        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);
        await Eventually.TrueAsync(async () => (await city.GetSummary()).Totals.Members == 500, TimeSpan.FromSeconds(5),
            "the city's totals including the county's figures");
    }

    [Fact]
    public async Task AStationReportStillFailingWhenTheStationWasCollectedArrivesWhenItWakes()
    {
        await using var silo = await StartWithFlakyStoreAsync(collectIdleGrainsQuickly: true);
        var store = (FlakyStateStore)silo.Store;
        store.FailNextReads(Xingning, int.MaxValue);
        await silo.Grains.GetGrain<IStationGrain>("st-1").Register(new StationInfo(Xingning, "驿站", 22.8, 108.3, true, true, []));
        await Eventually.TrueAsync(() => Task.FromResult(silo.Runtime.ActivationCount == 0), TimeSpan.FromSeconds(5), "the station collected");
        store.FailNextReads(Xingning, 0);

        await silo.Grains.GetGrain<IStationGrain>("st-1").GetSummary();

        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        await Eventually.TrueAsync(async () => (await county.GetSummary()).Totals.Stations == 1, TimeSpan.FromSeconds(5),
            "the county counting its station");
    }

    [Fact]
    public async Task AStationMovedWhileItsOldCountyCannotStartLeavesItOnceItCan()
    {
        await using var silo = await StartWithFlakyStoreAsync(collectIdleGrainsQuickly: true);
        var station = silo.Grains.GetGrain<IStationGrain>("mv-1");
        var oldCounty = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        var newCounty = silo.Grains.GetGrain<IOrgGrain>(Qingxiu);
        await station.Register(new StationInfo(Xingning, "驿站", 22.8, 108.3, true, true, []));
        await Eventually.TrueAsync(async () => (await oldCounty.GetSummary()).Totals.Stations == 1, TimeSpan.FromSeconds(2), "the station in its county");
        await Eventually.TrueAsync(() => Task.FromResult(silo.Runtime.ActivationCount == 0), TimeSpan.FromSeconds(5), "every grain collected");
        ((FlakyStateStore)silo.Store).FailNextReads(Xingning, 1);

        await station.Register(new StationInfo(Qingxiu, "驿站", 22.8, 108.3, true, true, []));

        await Eventually.TrueAsync(async () => (await newCounty.GetSummary()).Totals.Stations == 1 && (await oldCounty.GetSummary()).Totals.Stations == 0,
            TimeSpan.FromSeconds(5), "the station counted by its new county only");
    }

    [Fact]
    public async Task ConsistencyCheckNamesAnOrgThatHoldsWrongChildTotals()
    {
        await using var silo = await SiloHost.StartAsync();
        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(500));
        await silo.Grains.GetGrain<IOrgGrain>(Nanning).ReportChild(new ChildTotals(Xingning, Aggregate.Of(Figure.Of(999)), long.MaxValue));

        var report = await silo.Services.GetRequiredService<ConsistencyCheck>().RunAsync();

        var broken = Assert.Single(report.Inconsistencies, i => i.Code == Nanning);
        Assert.Contains($"holds stale totals for child {Xingning}", broken.Problems);
    }

    [Fact]
    public async Task ConsistencyCheckIgnoresAUnitRegisteredAfterItListedTheTree()
    {
        await using var silo = await SiloHost.StartAsync();
        var directory = silo.Services.GetRequiredService<IOrgDirectory>();
        var listed = directory.All.ToList();
        await silo.Services.GetRequiredService<OrgRegistry>().PutAsync(new OrgInfo("GX0009", "新单位工会", OrgLevel.Grassroots, OrgKind.Enterprise, Xingning));
        var check = new ConsistencyCheck(silo.Services.GetRequiredService<GrainRuntime>(), silo.Store, new ListedEarlier(directory, listed), TimeProvider.System);

        var report = await check.RunAsync();

        Assert.Equal(listed.Count, report.OrgsChecked);
        Assert.True(report.Consistent);
    }

    [Fact]
    public async Task ConsistencyCheckReadsAsleepGrassrootsUnionsFromStorageWithoutWakingThem()
    {
        await using var database = await TestDatabase.CreateAsync(Silo.Storage.StorageProvider.Sqlite);
        var units = XingningUnits(300);
        await using (var first = await SiloHost.StartAsync(database: database))
        {
            await first.Services.GetRequiredService<OrgRegistry>().PutAllAsync(units, []);
            await Task.WhenAll(units.Select((unit, i) => first.Grains.GetGrain<IOrgGrain>(unit.Code).SetFigures(Figure.Of(i + 1))));
            await first.StopAsync();
        }
        await using var second = await SiloHost.StartAsync(database: database);
        var stored = await second.Store.ReadAsync(IOrgGrain.StateName, "XN-0007");
        var changed = JsonSerializer.Deserialize<OrgState>(stored!.Payload, StateJson.Options)!;
        changed.Own = Figure.Of(5_000);
        await second.Store.WriteAsync(IOrgGrain.StateName, "XN-0007", JsonSerializer.Serialize(changed, StateJson.Options), stored.Version);

        var report = await second.Services.GetRequiredService<ConsistencyCheck>().RunAsync();

        var broken = Assert.Single(report.Inconsistencies);
        Assert.Equal(Xingning, broken.Code);
        Assert.Equal(["totals differ from own + Σ children + stations", "holds stale totals for child XN-0007"], broken.Problems);
        var runtime = second.Services.GetRequiredService<GrainRuntime>();
        Assert.DoesNotContain(units, unit => runtime.IsActive<IOrgGrain>(unit.Code));
    }

    /// <summary>The directory as the check saw it when it listed the tree, with everything registered since still found by code.</summary>
    private sealed class ListedEarlier(IOrgDirectory directory, IReadOnlyList<OrgInfo> listed) : IOrgDirectory
    {
        public IEnumerable<OrgInfo> All => listed;
        public OrgInfo? Find(string code) => directory.Find(code);
        public IReadOnlyList<OrgInfo> ChildrenOf(string code) => directory.ChildrenOf(code);
        public bool IsWithin(string code, string ancestor) => directory.IsWithin(code, ancestor);
        public IReadOnlyList<string> DeregisteredChildrenOf(string code) => directory.DeregisteredChildrenOf(code);
        public OrgInfo? FindDeregistered(string code) => directory.FindDeregistered(code);
    }

    [Fact]
    public async Task AGroupCorrectedToZeroLeavesTheTotalsOfTheCountyAndItsCity()
    {
        await using var silo = await SiloHost.StartAsync();
        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);
        var now = DateTimeOffset.UtcNow;
        await county.SetFigures(Figure.Of(800, now, courierMembers: 100));
        await Eventually.TrueAsync(async () => (await city.GetSummary()).Totals.NewEmployment.GetValueOrDefault("courier")?.Workers == 200,
            TimeSpan.FromSeconds(2), "the city's couriers including the county's");

        var corrected = await county.SetFigures(Figure.Of(800, now.AddMinutes(1)) with
        {
            NewEmployment = new Dictionary<string, GroupFigures> { ["courier"] = new(0, 0) },
        });

        Assert.Equal(new GroupFigures(0, 0), corrected.Totals.NewEmployment["courier"]);
        await Eventually.TrueAsync(async () => (await city.GetSummary()).Totals.NewEmployment.GetValueOrDefault("courier")?.Workers is null or 0,
            TimeSpan.FromSeconds(2), "the city's couriers without the county's corrected ones");
    }

    [Fact]
    public async Task ConsistencyCheckAfterMidnightComparesOnlyTheVisitDaysStillKept()
    {
        var clock = new TestClock(DateTimeOffset.Parse("2026-07-02T12:00:00+08:00"));
        await using var silo = await SiloHost.StartAsync(services: services => services.AddSingleton<TimeProvider>(clock));
        var first = silo.Grains.GetGrain<IStationGrain>("nn-1");
        await first.Register(new StationInfo(Xingning, "驿站", 22.8, 108.3, true, true, []));
        await first.ReportUsage([new DailyUsage(new DateOnly(2026, 6, 2), 9)]);

        clock.Set(DateTimeOffset.Parse("2026-07-03T12:00:00+08:00"));
        var second = silo.Grains.GetGrain<IStationGrain>("nn-2");
        await second.Register(new StationInfo(Xingning, "驿站二", 22.8, 108.3, true, true, []));
        await second.ReportUsage([new DailyUsage(new DateOnly(2026, 7, 3), 4)]);
        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        await Eventually.TrueAsync(async () => (await county.GetSummary()).Totals.StationVisits.Today == 4, TimeSpan.FromSeconds(2),
            "the county's visits of the new day");

        var report = await silo.Services.GetRequiredService<ConsistencyCheck>().RunAsync();

        Assert.True(report.Consistent, string.Join("; ", report.Inconsistencies.SelectMany(i => i.Problems.Select(p => $"{i.Code}: {p}"))));
    }

    [Fact]
    public async Task SameSnapshotTwiceChangesNothing()
    {
        await using var silo = await SiloHost.StartAsync();
        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        var figures = Figure.Of(800);

        var first = await county.SetFigures(figures);
        var second = await county.SetFigures(figures);

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.UpdatedAt, second.UpdatedAt);
    }

    [Fact]
    public async Task FiguresOlderThanTheStoredOnesAreRefused()
    {
        await using var silo = await SiloHost.StartAsync();
        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        var now = DateTimeOffset.UtcNow;
        await county.SetFigures(Figure.Of(800, now));

        var error = await Assert.ThrowsAsync<StaleFiguresException>(() => county.SetFigures(Figure.Of(900, now.AddMinutes(-1))));
        Assert.Equal(now, error.StoredAsOf);
        Assert.Equal(800, (await county.GetSummary()).Own!.Members);
    }

    /// <summary>A silo whose state store fails on demand; with quick collection an idle grain is collected after 300 ms.</summary>
    private static Task<SiloHost> StartWithFlakyStoreAsync(bool collectIdleGrainsQuickly, LogCapture? log = null) => SiloHost.StartAsync(
        services: services =>
        {
            services.AddSingleton<IGrainStateStore>(sp => new FlakyStateStore(ActivatorUtilities.CreateInstance<SqlGrainStateStore>(sp)));
            if (log is not null)
                services.AddSingleton<ILoggerProvider>(log);
        },
        settings: collectIdleGrainsQuickly ? new Dictionary<string, string?> { ["GrainRuntime:CollectionAge"] = "00:00:00.300" } : null);

    private sealed class LatestSummaries : IOrgChangeSink
    {
        private readonly ConcurrentDictionary<string, OrgSummary> _latest = new();

        public void OrgChanged(OrgSummary summary) => _latest.AddOrUpdate(summary.Code, summary, (_, known) => known.Version > summary.Version ? known : summary);

        public long? MembersOf(string code) => _latest.TryGetValue(code, out var summary) ? summary.Totals.Members : null;

        public DateTimeOffset? OwnAsOfOf(string code) => _latest.TryGetValue(code, out var summary) ? summary.Own?.AsOf : null;
    }

    [Fact]
    public async Task AParentsTotalsStayAFreshSumOfItsPartsAsGroupsAndVisitDaysComeAndGo()
    {
        await using var silo = await SiloHost.StartAsync();
        var city = silo.Grains.GetGrain<IOrgGrain>(Nanning);
        var today = ChinaClock.Today(TimeProvider.System);
        var random = new Random(7);
        string[] groups = ["courier", "rider", "driver"];
        var versions = new Dictionary<string, long>();

        for (var i = 0; i < 300; i++)
        {
            var part = new Aggregate(random.Next(1000), random.Next(500), random.Next(200), random.Next(50), random.Next(40),
                groups.Where(_ => random.Next(2) == 0).ToDictionary(g => g, _ => new GroupFigures(random.Next(100), random.Next(50))),
                random.Next(3), Enumerable.Range(0, random.Next(4)).Select(d => today.AddDays(-random.Next(40)))
                    .Distinct().ToDictionary(Aggregate.Day, _ => (long)random.Next(20)));
            var code = $"child{random.Next(6)}";
            var version = versions[code] = versions.GetValueOrDefault(code) + 1;
            if (random.Next(4) == 0)
                await city.ReportStation(new StationTotals(code, random.Next(3) == 0 ? null : part, version));
            else
                await city.ReportChild(new ChildTotals(code, part, version));
            if (i % 50 == 0)
                await city.SetFigures(Figure.Of(100 + i, DateTimeOffset.UtcNow.AddTicks(i), courierMembers: i % 100 == 0 ? 0 : 5));
        }

        // At last every part drops all groups but one and all days but today, so what a fresh sum no longer lists must go too.
        var plain = new Aggregate(1, 1, 1, 1, 1, new Dictionary<string, GroupFigures> { ["courier"] = new(2, 1) }, 0,
            new Dictionary<string, long> { [Aggregate.Day(today)] = 3 });
        foreach (var (code, version) in versions)
        {
            await city.ReportChild(new ChildTotals(code, plain, version + 1));
            await city.ReportStation(new StationTotals(code, plain, version + 1));
        }

        var rollup = await city.GetRollup();
        var fresh = Aggregate.Sum(rollup.Children.Values.Select(c => c.Totals)
            .Concat(rollup.Stations.Values.Where(s => s.Totals is not null).Select(s => s.Totals!)).Prepend(rollup.Own)).TrimmedTo(today);
        Assert.True(rollup.Totals.SameAs(fresh));
        Assert.Equal(fresh.NewEmployment.Keys.Order(), rollup.Totals.NewEmployment.Keys.Order());
        Assert.Equal(fresh.DailyVisits.Keys.Order(), rollup.Totals.DailyVisits.Keys.Order());
    }
}
