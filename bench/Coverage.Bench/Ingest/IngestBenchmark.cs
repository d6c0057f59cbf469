using System.Net.Http.Headers;
using Coverage.Bench.Harness;
using Coverage.Bench.Http;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;

namespace Coverage.Bench.Ingest;

/// <summary>
/// Single-org figure pushes from many clients over every county, against the app on each database and against a bare
/// Kestrel endpoint that only parses the body. Each client owns a fixed set of counties and sends each a later asOf than
/// before, so no push is refused as stale.
/// </summary>
public static class IngestBenchmark
{
    public static async Task RunAsync(BenchArgs options)
    {
        var clients = options.Int("clients", 64);
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 15));
        var round = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var rounds = options.Int("rounds", 3);
        // Offered load per second; 0 (the default) is a closed loop, each client sending as soon as its last answer came.
        double? rate = options.Int("rate", 0) is > 0 and var offered ? offered : null;
        var counties = new OrgDirectory().All.Where(o => o.Level == OrgLevel.County).Select(o => o.Code).Order().ToArray();
        var table = new Table("target", "database", "clients", "median req/s", "min–max req/s", "p50 ms", "p99 ms", "% of baseline", "non-200", "load before");

        double? baseline = null;
        if (options.Text("baseline", "yes") != "no")
        {
            await using var server = await BaselineServer.StartAsync();
            var target = new IngestTarget("bare Kestrel PUT (baseline)", "—", server.BaseAddress, code => $"/x/{code}", null);
            baseline = await MeasureAsync(table, target, counties, clients, warmup, round, rounds, rate, null);
        }

        if (options.Text("url") is { } url)
        {
            var target = new IngestTarget("app at " + url, options.Text("database", "as configured"), new Uri(url), FiguresPath, options.Text("key"));
            await MeasureAsync(table, target, counties, clients, warmup, round, rounds, rate, baseline);
        }
        else
        {
            foreach (var name in options.List("db", "sqlite,postgres"))
            {
                var provider = BenchDatabase.ParseProvider(name);
                if (provider == StorageProvider.PostgreSql && BenchDatabase.PostgresServer(options) is null)
                {
                    table.Add("Dashboard PUT /api/v1/orgs/{code}/figures", provider.ToString(), $"{clients}",
                        "not measured: no PostgreSQL server given (--postgres or COVERAGE_BENCH_POSTGRES)", "", "", "", "", "", Machine.Load());
                    continue;
                }
                await using var database = await BenchDatabase.CreateAsync(provider, BenchDatabase.PostgresServer(options));
                var key = $"bench-{Guid.NewGuid():N}";
                await using var server = await DashboardServer.StartAsync(database, key);
                var target = new IngestTarget("Dashboard PUT /api/v1/orgs/{code}/figures", provider.ToString(), server.BaseAddress, FiguresPath, key);
                await MeasureAsync(table, target, counties, clients, warmup, round, rounds, rate, baseline);
            }
        }
        table.Print("ingest");
    }

    private static string FiguresPath(string code) => $"/api/v1/orgs/{code}/figures";

    private static async Task<double?> MeasureAsync(Table table, IngestTarget target, string[] counties, int clients, TimeSpan warmup,
        TimeSpan round, int rounds, double? rate, double? baseline)
    {
        var load = Machine.Load();
        using var http = LoadClient.Create(target.BaseAddress, clients, target.Key);
        // An hour back, so asOf is never in the future and a rerun within the hour still moves every county forward.
        var start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(-1);
        var sequences = new long[clients];
        var owned = Enumerable.Range(0, clients).Select(c => counties.Where((_, i) => i % clients == c).ToArray()).ToArray();

        Task<int> PushAsync(int client)
        {
            var sequence = sequences[client]++;
            var code = owned[client][sequence % owned[client].Length];
            var request = new HttpRequestMessage(HttpMethod.Put, target.PathFor(code))
            {
                Content = new ByteArrayContent(FiguresBody.Json(start.AddMilliseconds(sequence), sequence))
                {
                    Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
                },
            };
            return LoadClient.SendAsync(http, request);
        }

        var probe = await PushAsync(0);
        if (probe != 200)
        {
            table.Add(target.Name, target.Database, $"{clients}", $"not measured: the probe PUT answered {probe}", "", "", "", "", "", load);
            return null;
        }
        var result = await LoadGenerator.RunAsync(clients, warmup, round, rounds, rate, PushAsync);
        table.Add(target.Name, target.Database, $"{clients}", $"{result.MedianPerSecond:N0}", result.Range, $"{result.P50:0.0}", $"{result.P99:0.0}",
            baseline is { } b ? $"{result.MedianPerSecond / b:P0}" : "—", result.Unexpected(200), load);
        return result.MedianPerSecond;
    }
}
