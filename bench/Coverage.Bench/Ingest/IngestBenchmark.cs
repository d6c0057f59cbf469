using Coverage.Bench.Harness;
using Coverage.Bench.Http;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;

namespace Coverage.Bench.Ingest;

/// <summary>
/// Single-org figure pushes from many clients over every county, against the app on each database and against a bare
/// Kestrel endpoint that only parses the body. The two are measured in alternating rounds (baseline, app, app, baseline …)
/// on the same warm servers, so a machine that speeds up or slows down between rounds moves both alike; the share is the
/// median of the rounds' app ÷ baseline.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>Between alternating rounds the other target's connections go quiet; this much load first gets them going again.</summary>
    private static readonly TimeSpan RoundWarmup = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(BenchArgs options)
    {
        var clients = options.Int("clients", 64);
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 15));
        var round = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var rounds = options.Int("rounds", 3);
        // Offered load per second; 0 (the default) is a closed loop, each client sending as soon as its last answer came.
        double? rate = options.Int("rate", 0) is > 0 and var offered ? offered : null;
        var counties = new OrgDirectory().All.Where(o => o.Level == OrgLevel.County).Select(o => o.Code).Order().ToArray();
        var table = new Table("target", "database", "clients", "median req/s", "min–max req/s", "p50 ms", "p99 ms", "% of baseline",
            "CPU µs/req: server / PostgreSQL / load gen", "non-200", "load before");
        var run = new Run(table, counties, clients, warmup, round, rounds, rate);

        await using var baselineServer = options.Text("baseline", "yes") != "no" ? await BaselineServer.StartAsync() : null;
        using var baseline = baselineServer is null ? null
            : new PushLoad(new IngestTarget("bare Kestrel PUT (baseline)", "—", baselineServer.BaseAddress, code => $"/x/{code}", null,
                baselineServer.CpuSeconds), counties, clients);
        if (options.Text("url") is { } url)
        {
            var target = new IngestTarget("app at " + url, options.Text("database", "as configured"), new Uri(url), FiguresPath, options.Text("key"));
            await run.MeasureAsync(target, baseline);
        }
        else
        {
            foreach (var name in options.List("db", "sqlite,postgres"))
            {
                var provider = BenchDatabase.ParseProvider(name);
                if (provider == StorageProvider.PostgreSql && BenchDatabase.PostgresServer(options) is null)
                {
                    table.Add("Dashboard PUT /api/v1/orgs/{code}/figures", provider.ToString(), $"{clients}",
                        "not measured: no PostgreSQL server given (--postgres or COVERAGE_BENCH_POSTGRES)", "", "", "", "", "", "", Machine.Load());
                    continue;
                }
                await using var database = await BenchDatabase.CreateAsync(provider, BenchDatabase.PostgresServer(options));
                var key = $"bench-{Guid.NewGuid():N}";
                await using var server = await DashboardServer.StartAsync(database, key);
                await run.MeasureAsync(new IngestTarget("Dashboard PUT /api/v1/orgs/{code}/figures", provider.ToString(), server.BaseAddress, FiguresPath, key,
                    server.CpuSeconds),
                    baseline);
            }
        }
        table.Print("ingest");
    }

    private static string FiguresPath(string code) => $"/api/v1/orgs/{code}/figures";

    private sealed record Run(Table Table, string[] Counties, int Clients, TimeSpan Warmup, TimeSpan Round, int Rounds, double? Rate)
    {
        public async Task MeasureAsync(IngestTarget target, PushLoad? baseline)
        {
            var load = Machine.Load();
            using var app = new PushLoad(target, Counties, Clients);
            if (await app.ProbeAsync() is var probe and not 200)
            {
                Table.Add(target.Name, target.Database, $"{Clients}", $"not measured: the probe PUT answered {probe}", "", "", "", "", "", "", load);
                return;
            }
            if (baseline is null)
            {
                Add(app, await app.RunAsync(Warmup, Round, Rounds, Rate), null, load);
                return;
            }
            await baseline.RunAsync(Warmup, TimeSpan.Zero, 0, Rate);
            await app.RunAsync(Warmup, TimeSpan.Zero, 0, Rate);
            var (baselineRounds, appRounds) = (new List<LoadResult>(), new List<LoadResult>());
            (PushLoad Load, List<LoadResult> Results)[] order = [(baseline, baselineRounds), (app, appRounds)];
            for (var r = 0; r < Rounds; r++)
            {
                foreach (var (push, results) in order)
                    results.Add(await push.RunAsync(RoundWarmup, Round, 1, Rate));
                // Whichever ran second runs first next time, so a steady drift of the machine favours neither.
                Array.Reverse(order);
            }
            Add(baseline, LoadResult.Combine(baselineRounds), null, load);
            Add(app, LoadResult.Combine(appRounds), appRounds.Zip(baselineRounds, (a, b) => a.MedianPerSecond / b.MedianPerSecond).ToList(), load);
        }

        /// <summary>The share is the median of the rounds' shares, with their range, so a reader sees how far the rounds agree.</summary>
        private void Add(PushLoad push, LoadResult result, List<double>? shares, string load) =>
            Table.Add(push.Target.Name, push.Target.Database, $"{Clients}", $"{result.MedianPerSecond:N0}", result.Range, $"{result.P50:0.0}",
                $"{result.P99:0.0}", shares is { Count: > 0 } ? $"{Stats.Median(shares):P0} ({shares.Min():P0}–{shares.Max():P0})" : "—",
                result.CpuPerRequest, result.Unexpected(200), load);
    }
}
