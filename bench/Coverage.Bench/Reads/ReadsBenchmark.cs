using System.Text.Json;
using Coverage.Bench.Harness;
using Coverage.Bench.Http;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;

namespace Coverage.Bench.Reads;

/// <summary>
/// Children of a province read by many concurrent readers from the app, after every county's figures went in through its
/// grain; next to the same answer computed by PostgreSQL with GROUP BY ROLLUP over a plain table of the same figures, and
/// to bare Kestrel answering a body of the same size from memory, the most any server could do on this machine.
/// </summary>
public static class ReadsBenchmark
{
    public static async Task RunAsync(BenchArgs options)
    {
        var readers = options.Int("readers", 100);
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 5));
        var round = TimeSpan.FromSeconds(options.Int("seconds", 10));
        var rounds = options.Int("rounds", 3);
        var postgres = BenchDatabase.PostgresServer(options);
        var directory = new OrgDirectory();
        var counties = Counties(directory);
        var provinces = directory.ChildrenOf(OrgDirectory.NationalCode).Select(p => p.Code).ToArray();
        var asOf = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(-1);
        var modes = options.Int("rate", 1_000) is > 0 and var offered ? new double?[] { null, offered } : [null];
        var table = new Table("reader of children", "database", "readers", "offered", "median req/s", "min–max req/s", "p50 ms", "p99 ms", "unexpected",
            "load before");

        await using var rollupDatabase = postgres is null ? null : await BenchDatabase.CreateAsync(StorageProvider.PostgreSql, postgres);
        await using var dataSource = rollupDatabase is null ? null : RollupBaseline.Open(rollupDatabase, readers);
        var rollup = dataSource is null ? null : new RollupBaseline(dataSource);
        if (rollup is not null)
            await rollup.CreateAsync(counties, asOf);

        var bodySize = 0;
        foreach (var name in options.List("db", "sqlite"))
        {
            var provider = BenchDatabase.ParseProvider(name);
            await using var database = await BenchDatabase.CreateAsync(provider, postgres);
            await SeedAsync(database, counties, asOf);
            await using var server = await DashboardServer.StartAsync(database, $"bench-{Guid.NewGuid():N}");
            using var http = LoadClient.Create(server.BaseAddress, readers);
            await CheckNationalMembersAsync(http, counties, asOf);
            if (rollup is not null)
                await CompareAsync(http, rollup, provinces);
            bodySize = await MeanBodySizeAsync(http, provinces);
            foreach (var rate in modes)
            {
                var load = Machine.Load();
                var result = await LoadGenerator.RunAsync(readers, warmup, round, rounds, rate,
                    _ => LoadClient.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/orgs/{Pick(provinces)}/children")));
                Add(table, "Dashboard GET /api/v1/orgs/{province}/children", provider.ToString(), readers, rate, result, load);
            }
        }

        await using (var baseline = await BaselineServer.StartAsync())
        {
            using var http = LoadClient.Create(baseline.BaseAddress, readers);
            foreach (var rate in modes)
            {
                var load = Machine.Load();
                var result = await LoadGenerator.RunAsync(readers, warmup, round, rounds, rate,
                    _ => LoadClient.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, $"/json/{bodySize}")));
                Add(table, $"bare Kestrel GET of a {bodySize:N0}-byte body from memory", "—", readers, rate, result, load);
            }
        }

        if (rollup is null)
            Console.Error.WriteLine("No PostgreSQL server given (--postgres or COVERAGE_BENCH_POSTGRES): the ROLLUP comparison is skipped.");
        else
        {
            foreach (var rate in modes)
            {
                var load = Machine.Load();
                var result = await LoadGenerator.RunAsync(readers, warmup, round, rounds, rate, _ => rollup.ChildrenAsync(Pick(provinces)));
                Add(table, "Npgsql GROUP BY ROLLUP (city) over figures", "PostgreSql", readers, rate, result, load);
            }
        }
        table.Print("reads");
    }

    private static void Add(Table table, string reader, string database, int readers, double? rate, LoadResult result, string load) =>
        table.Add(reader, database, $"{readers}", rate is { } r ? $"{r:N0} req/s" : "closed loop", $"{result.MedianPerSecond:N0}", result.Range,
            $"{result.P50:0.00}", $"{result.P99:0.00}", result.Unexpected(200), load);

    /// <summary>A random province per request, so readers spread over small and large provinces alike.</summary>
    private static string Pick(string[] provinces) => provinces[Random.Shared.Next(provinces.Length)];

    private static CountyRow[] Counties(OrgDirectory directory) =>
        directory.All.Where(o => o.Level == OrgLevel.County).OrderBy(o => o.Code)
            .Select((county, index) => new CountyRow(directory.Find(county.ParentCode!)!.ParentCode!, county.ParentCode!, county.Code, index))
            .ToArray();

    /// <summary>Every county's figures through its grain, as the API would send them; parents catch up by roll-up.</summary>
    private static async Task SeedAsync(BenchDatabase database, CountyRow[] counties, DateTimeOffset asOf)
    {
        await using var silo = await BenchSilo.StartAsync(database);
        await Parallel.ForEachAsync(counties, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (county, _) =>
            await silo.Grains.GetGrain<IOrgGrain>(county.County).SetFigures(CountyFigures.For(county.Index, asOf)));
    }

    /// <summary>The national total must be the sum of what was seeded, or the benchmark would be reading something else.</summary>
    private static async Task CheckNationalMembersAsync(HttpClient http, CountyRow[] counties, DateTimeOffset asOf)
    {
        var expected = counties.Sum(c => CountyFigures.For(c.Index, asOf).Members);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var national = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/orgs/{OrgDirectory.NationalCode}"));
            var members = national.RootElement.GetProperty("totals").GetProperty("members").GetInt64();
            if (members == expected)
                return;
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"National members are {members}, expected {expected} from the seeded counties.");
            await Task.Delay(200);
        }
    }

    /// <summary>The average size of a province's children list, so the bare baseline sends as many bytes per answer.</summary>
    private static async Task<int> MeanBodySizeAsync(HttpClient http, string[] provinces)
    {
        var total = 0L;
        foreach (var province in provinces)
            total += (await http.GetByteArrayAsync($"/api/v1/orgs/{province}/children")).Length;
        return (int)(total / provinces.Length);
    }

    /// <summary>Both sides must give the same answer for every province, or the comparison would be between different work.</summary>
    private static async Task CompareAsync(HttpClient http, RollupBaseline rollup, string[] provinces)
    {
        foreach (var province in provinces)
        {
            var fromSql = await rollup.MembersByCityAsync(province);
            using var children = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/orgs/{province}/children"));
            var fromApp = children.RootElement.EnumerateArray()
                .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("totals").GetProperty("members").GetInt64());
            if (fromApp.Count != fromSql.Count || fromApp.Any(c => fromSql.GetValueOrDefault(c.Key) != c.Value))
                throw new InvalidOperationException($"The app and ROLLUP disagree on the children of {province}.");
        }
        Console.Error.WriteLine($"  the app and ROLLUP agree on the members of every city in all {provinces.Length} provinces");
    }
}
