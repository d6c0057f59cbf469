using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Rollup;

public sealed class CompactPartsTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACountyWokenFromStorageHoldsOneCopyOfEachGroupNameDayAndUnitCode(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await SiloHost.StartAsync(database: database);
        var units = XingningUnits(3);
        await first.Services.GetRequiredService<OrgRegistry>().PutAllAsync(units, []);
        foreach (var unit in units)
            await first.Grains.GetGrain<IOrgGrain>(unit.Code).SetFigures(Figure.Of(100, courierMembers: 10));
        var today = ChinaClock.Today(TimeProvider.System);
        var station = first.Grains.GetGrain<IStationGrain>("XN-S1");
        await station.Register(new StationInfo(Xingning, "驿站", 22.8, 108.3, true, true, []));
        await station.ReportUsage([.. Enumerable.Range(0, 3).Select(d => new DailyUsage(today.AddDays(-d), 7))]);
        var county = first.Grains.GetGrain<IOrgGrain>(Xingning);
        await Eventually.TrueAsync(async () => (await county.GetSummary()).Totals is { Members: 300, Stations: 1 }, TimeSpan.FromSeconds(5), "the units and the station in the county");
        await first.StopAsync();
        await first.DisposeAsync();

        await using var second = await SiloHost.StartAsync(database: database);

        var rollup = await second.Grains.GetGrain<IOrgGrain>(Xingning).GetRollup();
        Assert.Equal((300, 30, 1, 21), (rollup.Totals.Members, rollup.Totals.NewEmployment["courier"].Members, rollup.Totals.Stations,
            rollup.Totals.ToTotals(today).StationVisits.Last30Days));
        Assert.Equal(3, rollup.Children.Count);
        Assert.All(rollup.Children, child => Assert.Same(child.Key, child.Value.Code));
        Assert.All(rollup.Children.Values.SelectMany(c => c.Totals.NewEmployment.Keys), group => Assert.Same(SharedKeys.Of(group), group));
        var days = rollup.Stations.Values.SelectMany(s => s.Totals!.DailyVisits.Keys).ToList();
        Assert.Equal(3, days.Count);
        Assert.All(days, day => Assert.Same(Aggregate.Day(DateOnly.Parse(day)), day));
    }

    [Fact]
    public void ACompactMapKeepsEachKeyOnceWithItsLastValue()
    {
        var map = CompactMap<long>.Of([new("2026-11-20", 3), new("2026-11-21", 4), new("2026-11-20", 5)]);

        Assert.Equal(2, map.Count);
        Assert.Equal(5, map["2026-11-20"]);
        Assert.True(map.TryGetValue("2026-11-20", likelyAt: 7, out var found) && found == 5);
        Assert.False(map.TryGetValue("2026-11-22", out _));
        Assert.Throws<KeyNotFoundException>(() => map["2026-11-22"]);
        Assert.Same(CompactMap<long>.Empty, CompactMap<long>.Of([]));
    }

    [Fact]
    public void AnAggregateIsWrittenAsPlainJsonObjectsAndReadBackWithTheSameCounts()
    {
        var groups = new Dictionary<string, GroupFigures> { ["courier"] = new(20, 10), ["foodDelivery"] = new(8, 4) };
        var visits = new Dictionary<string, long> { ["2026-11-20"] = 7 };
        var aggregate = new Aggregate(10, 5, 4, 2, 1, groups, 1, visits);

        var json = JsonSerializer.Serialize(aggregate, JsonSerializerOptions.Web);
        var read = JsonSerializer.Deserialize<Aggregate>(json, JsonSerializerOptions.Web)!;

        Assert.Contains("\"newEmployment\":{\"courier\":{\"workers\":20,\"members\":10},\"foodDelivery\":{\"workers\":8,\"members\":4}}", json);
        Assert.Contains("\"dailyVisits\":{\"2026-11-20\":7}", json);
        Assert.Equal(json, JsonSerializer.Serialize(read, JsonSerializerOptions.Web));
        Assert.True(read.SameAs(aggregate));
        Assert.IsType<CompactMap<GroupFigures>>(read.NewEmployment);
    }
}
