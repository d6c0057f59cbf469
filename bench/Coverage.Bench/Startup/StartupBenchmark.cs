using System.Diagnostics;
using System.Text.Json;
using Coverage.Bench.Harness;
using Coverage.Bench.Http;

namespace Coverage.Bench.Startup;

/// <summary>
/// The app started on a national-size tree: once right after the tree was written with no report upward stored (a crash
/// that lost every one, so recovery rebuilds every parent), then again on the settled tree. Time until /readyz answers,
/// the process's peak resident memory, and what it keeps once ready.
/// </summary>
public static class StartupBenchmark
{
    private const string Key = "bench-startup-key-0000000000000000";

    public static async Task RunAsync(BenchArgs options)
    {
        var units = options.Int("units", 2_800_000);
        var stations = options.Int("stations", 186_100);
        var reported = Math.Min(units, options.Int("report", 600_000));
        var postgres = BenchDatabase.PostgresServer(options);
        var table = new Table("database", "grassroots unions", "stations", "start", "ready s", "peak MB", "resident MB after 10 s");
        var day = new Table("database", "grassroots unions reported", "s", "units/s", "peak MB", "resident MB after 10 s");
        foreach (var name in options.List("db", "sqlite"))
        {
            var provider = BenchDatabase.ParseProvider(name);
            await using var database = await BenchDatabase.CreateAsync(provider, postgres);
            Console.Error.WriteLine($"{provider}: writing {units:N0} grassroots unions with figures and {stations:N0} stations with visits");
            var counties = await NationalTree.FillAsync(database, units, stations);
            foreach (var (start, settled) in new[] { ("after a crash, every parent behind", false), ("settled", true) })
            {
                Console.Error.WriteLine($"{provider}: starting the app ({start})");
                var started = Stopwatch.StartNew();
                await using var server = await DashboardServer.StartAsync(database, Key);
                var ready = started.Elapsed.TotalSeconds;
                await CheckNationAsync(server, NationalTree.MembersOf(units), stations);
                await Task.Delay(TimeSpan.FromSeconds(10));
                var (peak, resident) = server.Memory();
                table.Add(provider.ToString(), $"{units:N0}", $"{stations:N0}", start, $"{ready:F1}", $"{peak:N0}", $"{resident:N0}");
                if (!settled || reported == 0)
                    continue;
                Console.Error.WriteLine($"{provider}: reporting {reported:N0} grassroots unions' figures");
                var seconds = await ReportingDay.RunAsync(server, Key, counties, units, reported);
                await Task.Delay(TimeSpan.FromSeconds(10));
                var (dayPeak, dayResident) = server.Memory();
                day.Add(provider.ToString(), $"{reported:N0}", $"{seconds:F1}", $"{reported / seconds:N0}", $"{dayPeak:N0}", $"{dayResident:N0}");
            }
        }
        table.Print($"startup: the app started on a tree of {units:N0} grassroots unions and {stations:N0} stations");
        if (reported > 0)
            day.Print("startup, then a reporting day: new figures for grassroots unions through figures:batch on the settled app");
    }

    /// <summary>A start that is fast because it lost something is no result: the nation must count every unit and station.</summary>
    private static async Task CheckNationAsync(ServerProcess server, long members, int stations)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var nation = JsonDocument.Parse(await client.GetStringAsync("/api/v1/orgs/000000"));
        var totals = nation.RootElement.GetProperty("totals");
        var (foundMembers, foundStations) = (totals.GetProperty("members").GetInt64(), totals.GetProperty("stations").GetInt64());
        if (foundMembers != members || foundStations != stations)
            throw new InvalidOperationException($"The nation totals {foundMembers:N0} members and {foundStations:N0} stations after start-up, not {members:N0} and {stations:N0}.");
    }
}
