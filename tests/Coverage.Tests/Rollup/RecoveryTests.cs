using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Rollup;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Rollup;

public sealed class RecoveryTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AfterACrashAcknowledgedFiguresAreKeptAndTheTreeIsConsistentAgain(Silo.Storage.StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await SiloHost.StartAsync(database: database);
        await first.Grains.GetGrain<IOrgGrain>("450102").SetFigures(Figure.Of(41_000));
        await first.Grains.GetGrain<IOrgGrain>("370102").SetFigures(Figure.Of(7_000));
        await first.AbandonAsync();
        await first.DisposeAsync();

        await using var second = await SiloHost.StartAsync(database: database);

        Assert.Equal(41_000, (await second.Grains.GetGrain<IOrgGrain>("450102").GetSummary()).Own!.Members);
        Assert.Equal(48_000, (await second.Grains.GetGrain<IOrgGrain>("000000").GetSummary()).Totals.Members);
        Assert.True((await second.Services.GetRequiredService<ConsistencyCheck>().RunAsync()).Consistent);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AfterACrashAGrassrootsUnionsAndAStationsFiguresReachTheNationAgain(Silo.Storage.StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await SiloHost.StartAsync(database: database);
        await first.Services.GetRequiredService<OrgRegistry>().PutAsync(new OrgInfo("XN-0001", "兴宁区快递联合工会", OrgLevel.Grassroots, OrgKind.Joint, "450102"));
        await first.Grains.GetGrain<IOrgGrain>("XN-0001").SetFigures(Figure.Of(300));
        var station = first.Grains.GetGrain<IStationGrain>("XN-S1");
        await station.Register(new StationInfo("450102", "驿站", 22.8, 108.3, true, true, []));
        await station.ReportUsage([new DailyUsage(ChinaClock.Today(TimeProvider.System), 12)]);
        await first.AbandonAsync();
        await first.DisposeAsync();

        await using var second = await SiloHost.StartAsync(database: database);

        var nation = await second.Grains.GetGrain<IOrgGrain>("000000").GetSummary();
        Assert.Equal((300, 1, 12), (nation.Totals.Members, nation.Totals.Stations, nation.Totals.StationVisits.Today));
        Assert.True((await second.Services.GetRequiredService<ConsistencyCheck>().RunAsync()).Consistent);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AfterACrashACountyWithMoreGrassrootsUnionsThanOneReadTakesCountsEveryOne(Silo.Storage.StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await SiloHost.StartAsync(database: database);
        var units = XingningUnits(2_500);
        await first.Services.GetRequiredService<OrgRegistry>().PutAllAsync(units, []);
        await Task.WhenAll(units.Select((unit, i) => first.Grains.GetGrain<IOrgGrain>(unit.Code).SetFigures(Figure.Of(i + 1))));
        await first.AbandonAsync();
        await first.DisposeAsync();

        await using var second = await SiloHost.StartAsync(database: database);

        var county = second.Grains.GetGrain<IOrgGrain>("450102");
        Assert.Equal(2_500, (await county.GetRollup()).Children.Count);
        Assert.Equal(2_500L * 2_501 / 2, (await county.GetSummary()).Totals.Members);
        Assert.Equal(2_500L * 2_501 / 2, (await second.Grains.GetGrain<IOrgGrain>("000000").GetSummary()).Totals.Members);
        Assert.True((await second.Services.GetRequiredService<ConsistencyCheck>().RunAsync()).Consistent);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AfterACrashRightAfterAUnitWasDeregisteredItsFiguresAreGoneFromEveryFederationAbove(Silo.Storage.StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var unit = new OrgInfo("XN-0001", "兴宁区快递联合工会", OrgLevel.Grassroots, OrgKind.Joint, "450102");
        await using (var first = await SiloHost.StartAsync(database: database))
        {
            await first.Services.GetRequiredService<OrgRegistry>().PutAsync(unit);
            await first.Grains.GetGrain<IOrgGrain>(unit.Code).SetFigures(Figure.Of(300));
            await first.Grains.GetGrain<IOrgGrain>("450102").SetFigures(Figure.Of(1_000));
        }
        var second = await SiloHost.StartAsync(database: database);
        var runtime = second.Services.GetRequiredService<Silo.Runtime.GrainRuntime>();
        // The county is not told, as if the process died between the commit and the county's next write.
        await second.Services.GetRequiredService<OrgRegistry>().DeregisterAllAsync([unit],
            () => runtime.DeactivateAsync<IOrgGrain>(unit.Code), (_, _, _) => new Silo.Storage.Statement("SELECT 1"));
        await second.AbandonAsync();
        await second.DisposeAsync();

        await using var third = await SiloHost.StartAsync(database: database);

        Assert.Null(third.Services.GetRequiredService<OrgDirectory>().Find(unit.Code));
        Assert.Equal(1_000, (await third.Grains.GetGrain<IOrgGrain>("000000").GetSummary()).Totals.Members);
        Assert.True((await third.Services.GetRequiredService<ConsistencyCheck>().RunAsync()).Consistent);
    }
}
