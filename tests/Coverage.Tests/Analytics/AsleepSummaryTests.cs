using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Analytics;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

public sealed class AsleepSummaryTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AsleepGrassrootsUnionsAreListedFromStorageExactlyAsTheirGrainsWouldListThem(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var units = XingningUnits(40);
        await using (var first = await AnalyticsApp.StartAsync(database: database))
        {
            await first.Service<OrgRegistry>().PutAllAsync(units, []);
            var grains = first.Service<Coverage.Runtime.IGrainFactory>();
            await Task.WhenAll(units.Take(30).Select((unit, i) => grains.GetGrain<IOrgGrain>(unit.Code).SetFigures(Figure.Of(100 + i, courierMembers: i))));
            var station = grains.GetGrain<IStationGrain>("XN-S1");
            await station.Register(new StationInfo("XN-0007", "快递驿站", 22.8, 108.3, true, true, []));
            await station.ReportUsage([new DailyUsage(ChinaClock.Today(TimeProvider.System), 12)]);
        }
        await using var second = await AnalyticsApp.StartAsync(database: database);
        var runtime = second.Service<GrainRuntime>();

        var listed = await second.Service<SummaryReader>().GetManyAsync(second.Service<IOrgDirectory>().ChildrenOf(Xingning));

        Assert.DoesNotContain(units, unit => runtime.IsActive<IOrgGrain>(unit.Code));
        Assert.Equal(units.Select(u => u.Code), listed.Select(s => s.Code));
        Assert.Equal(12, listed.Single(s => s.Code == "XN-0007").Totals.StationVisits.Today);
        var fromGrains = await Task.WhenAll(units.Select(u => second.Service<Coverage.Runtime.IGrainFactory>().GetGrain<IOrgGrain>(u.Code).GetSummary()));
        Assert.Equal(JsonSerializer.Serialize(fromGrains), JsonSerializer.Serialize(listed));
    }
}
