using System.Diagnostics;
using Coverage.Bench.Harness;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Bench.Dense;

/// <summary>
/// A county's own figures written one after another, with the county holding a real density of grassroots unions and
/// stations (about 1,000 and 60), against a county with none: what the county pays per write for the parts below it.
/// </summary>
public static class DenseCountyBenchmark
{
    private const string Dense = "450102";
    private const string Bare = "450103";

    public static async Task RunAsync(BenchArgs options)
    {
        var units = options.Int("units", 1_000);
        var stations = options.Int("stations", 60);
        var writes = options.Int("writes", 500);
        var rounds = options.Int("rounds", 3);
        var postgres = BenchDatabase.PostgresServer(options);
        var table = new Table("county", "database", "units", "stations", "p50 ms", "p99 ms", "own record bytes", "parts record bytes");
        foreach (var name in options.List("db", "sqlite"))
        {
            var provider = BenchDatabase.ParseProvider(name);
            await using var database = await BenchDatabase.CreateAsync(provider, postgres);
            await using var silo = await BenchSilo.StartAsync(database);
            Console.Error.WriteLine($"{provider}: registering {units} grassroots unions and {stations} stations under {Dense}");
            await FillAsync(silo, units, stations);
            var latencies = new Dictionary<string, List<double>> { [Dense] = [], [Bare] = [] };
            var asOf = DateTimeOffset.UtcNow.AddDays(-1);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var county in new[] { Dense, Bare })
                {
                    for (var i = 0; i < writes; i++)
                    {
                        asOf = asOf.AddSeconds(1);
                        var started = Stopwatch.GetTimestamp();
                        await silo.Grains.GetGrain<IOrgGrain>(county).SetFigures(Figures(asOf, 40_000 + i));
                        latencies[county].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
            // The parts are written behind, five seconds after the last report.
            while (units + stations > 0 && await silo.Store.ReadAsync(IOrgGrain.PartsStateName, Dense) is null)
                await Task.Delay(250);
            foreach (var (county, (unitCount, stationCount)) in new[] { (Dense, (units, stations)), (Bare, (0, 0)) })
            {
                var sorted = latencies[county].Order().ToArray();
                var own = await silo.Store.ReadAsync(IOrgGrain.StateName, county);
                var parts = await silo.Store.ReadAsync(IOrgGrain.PartsStateName, county);
                table.Add(county, provider.ToString(), $"{unitCount:N0}", $"{stationCount:N0}", $"{Stats.Percentile(sorted, 50):F2}",
                    $"{Stats.Percentile(sorted, 99):F2}", $"{own?.Payload.Length ?? 0:N0}", $"{parts?.Payload.Length ?? 0:N0}");
            }
        }
        table.Print($"dense county: {writes} sequential own-figure writes per county per round, {rounds} rounds");
    }

    private static async Task FillAsync(BenchSilo silo, int units, int stations)
    {
        var registry = silo.Services.GetRequiredService<OrgRegistry>();
        var codes = Enumerable.Range(0, units).Select(i => $"{Dense}-U{i:D5}").ToList();
        await Task.WhenAll(codes.Select(code => registry.PutAsync(new OrgInfo(code, $"基层工会 {code}", OrgLevel.Grassroots, OrgKind.Enterprise, Dense))));
        var asOf = DateTimeOffset.UtcNow.AddDays(-2);
        await Task.WhenAll(codes.Select((code, i) => silo.Grains.GetGrain<IOrgGrain>(code).SetFigures(Figures(asOf, 100 + i))));
        var today = ChinaClock.Today(TimeProvider.System);
        var visits = Enumerable.Range(0, Aggregate.VisitDaysKept - 1).Select(d => new DailyUsage(today.AddDays(-d), 40 + d)).ToList();
        await Task.WhenAll(Enumerable.Range(0, stations).Select(async i =>
        {
            var station = silo.Grains.GetGrain<IStationGrain>($"{Dense}-S{i:D3}");
            await station.Register(new StationInfo(Dense, $"驿站 {i}", 22.8, 108.3, true, i % 2 == 0, ["饮水", "充电", "休息"]));
            await station.ReportUsage(visits);
        }));
        var county = silo.Grains.GetGrain<IOrgGrain>(Dense);
        while ((await county.GetSummary()).Totals.Stations < stations || (await county.GetRollup()).Children.Count < units)
            await Task.Delay(50);
    }

    private static Figures Figures(DateTimeOffset asOf, long members) => new(asOf, members * 2, members, members / 2, 120, 90,
        new Dictionary<string, GroupFigures> { ["courier"] = new(members / 10, members / 20), ["foodDelivery"] = new(members / 8, members / 30) });
}
