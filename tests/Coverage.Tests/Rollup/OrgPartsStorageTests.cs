using System.Text.Json.Nodes;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Rollup;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Rollup;

public sealed class OrgPartsStorageTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACountysFiguresAreWrittenWithoutItsUnitsAndStationsWhichAreKeptApart(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        var registry = silo.Services.GetRequiredService<OrgRegistry>();
        var units = Enumerable.Range(0, 200).Select(i => $"XN-U{i:D3}").ToList();
        foreach (var unit in units)
            await registry.PutAsync(new OrgInfo(unit, $"单位 {unit}", OrgLevel.Grassroots, OrgKind.Enterprise, Xingning));
        await Task.WhenAll(units.Select(unit => silo.Grains.GetGrain<IOrgGrain>(unit).SetFigures(Figure.Of(10))));
        var today = ChinaClock.Today(TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            var station = silo.Grains.GetGrain<IStationGrain>($"XN-S{i:D2}");
            await station.Register(new StationInfo(Xingning, $"驿站 {i}", 22.8, 108.3, true, true, []));
            await station.ReportUsage([.. Enumerable.Range(0, 30).Select(d => new DailyUsage(today.AddDays(-d), 5))]);
        }
        var county = silo.Grains.GetGrain<IOrgGrain>(Xingning);
        await Eventually.TrueAsync(async () => (await county.GetSummary()).Totals.Members == 2_000, TimeSpan.FromSeconds(5), "the units' members in the county");

        var summary = await county.SetFigures(Figure.Of(41_000));
        await silo.Grains.GetGrain<IOrgGrain>(Qingxiu).SetFigures(Figure.Of(41_000));

        Assert.Equal(43_000, summary.Totals.Members);
        Assert.Equal(20, summary.Totals.Stations);
        var withParts = (await silo.Store.ReadAsync(IOrgGrain.StateName, Xingning))!.Payload;
        var withoutParts = (await silo.Store.ReadAsync(IOrgGrain.StateName, Qingxiu))!.Payload;
        Assert.DoesNotContain("XN-", withParts);
        Assert.InRange(withParts.Length, 0, withoutParts.Length + 10);

        await silo.StopAsync();
        var parts = (await silo.Store.ReadAsync(IOrgGrain.PartsStateName, Xingning))!.Payload;
        Assert.All(units, unit => Assert.Contains($"\"{unit}\"", parts));
        Assert.Contains("\"XN-S19\"", parts);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ADatabaseFromBeforeTheSplitKeepsEveryTotalAndVersionWhenUpgraded(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var before = await SiloHost.StartAsync(database: database);
        await before.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(41_000));
        await before.Grains.GetGrain<IOrgGrain>("370102").SetFigures(Figure.Of(7_000));
        var nation = before.Grains.GetGrain<IOrgGrain>("000000");
        await Eventually.TrueAsync(async () => (await nation.GetSummary()).Totals.Members == 48_000, TimeSpan.FromSeconds(5), "both counties in the national totals");
        var national = await nation.GetSummary();
        await before.StopAsync();
        await before.DisposeAsync();
        await StoreAsBeforeTheSplitAsync(database);

        await using var after = await SiloHost.StartAsync(database: database);

        var upgraded = await after.Grains.GetGrain<IOrgGrain>("000000").GetSummary();
        Assert.Equal(48_000, upgraded.Totals.Members);
        Assert.Equal((national.Version, national.UpdatedAt), (upgraded.Version, upgraded.UpdatedAt));
        Assert.Equal(41_000, (await after.Grains.GetGrain<IOrgGrain>(Xingning).GetSummary()).Own!.Members);
        Assert.All(await after.Store.ReadAllAsync(IOrgGrain.StateName).ToListAsync(), row => Assert.DoesNotContain("children", row.Payload));
        Assert.True((await after.Services.GetRequiredService<ConsistencyCheck>().RunAsync()).Consistent);
    }

    /// <summary>Folds each org's parts back into its own record, as every org was stored before schema step 5.</summary>
    private static async Task StoreAsBeforeTheSplitAsync(TestDatabase database)
    {
        await using var connection = await database.Open().OpenAsync();
        var rows = (await connection.QueryAsync<(string StateName, string Key, string Payload)>(
            "SELECT state_name, grain_key, payload FROM grain_state WHERE state_name IN ('org', 'org-parts')")).ToList();
        var parts = rows.Where(r => r.StateName == "org-parts").ToDictionary(r => r.Key, r => JsonNode.Parse(r.Payload)!);
        foreach (var org in rows.Where(r => r.StateName == "org"))
        {
            var payload = JsonNode.Parse(org.Payload)!.AsObject();
            payload["children"] = parts.TryGetValue(org.Key, out var found) ? found["children"]!.DeepClone() : new JsonObject();
            payload["stations"] = found?["stations"]!.DeepClone() ?? new JsonObject();
            await connection.ExecuteAsync("UPDATE grain_state SET payload = @payload WHERE state_name = 'org' AND grain_key = @key",
                new { payload = payload.ToJsonString(), key = org.Key });
        }
        Assert.NotEmpty(parts);
        await connection.ExecuteAsync("DELETE FROM grain_state WHERE state_name = 'org-parts'");
        await connection.ExecuteAsync("DELETE FROM schema_version WHERE version = 5");
    }
}
