using System.Diagnostics;
using Coverage.Bench.Harness;
using Coverage.Contracts;
using Coverage.Silo.Audit;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Bench.Audit;

/// <summary>
/// Reads of a long audit log, as 上报记录 and `GET /api/v1/audit` make them: a county's day (today and one long past),
/// newest and oldest first, a key's week, and a whole day for a national admin.
/// </summary>
public static class AuditBenchmark
{
    public static async Task RunAsync(BenchArgs options)
    {
        var rows = (long)options.Int("rows", 10_000_000);
        var days = options.Int("days", 30);
        var rounds = options.Int("rounds", 3);
        var postgres = BenchDatabase.PostgresServer(options);
        var table = new Table("database", "read", "entries", "first ms", "median ms");
        foreach (var name in options.List("db", "sqlite"))
        {
            var provider = BenchDatabase.ParseProvider(name);
            await using var database = await BenchDatabase.CreateAsync(provider, postgres);
            await using var silo = await BenchSilo.StartAsync(database);
            var counties = silo.Services.GetRequiredService<IOrgDirectory>().All
                .Where(o => o.Level == OrgLevel.County).Select(o => o.Code).ToList();
            var now = DateTimeOffset.UtcNow;
            Console.Error.WriteLine($"{provider}: {rows:N0} audit entries over {days} days, {counties.Count:N0} counties taking turns");
            var filling = Stopwatch.GetTimestamp();
            await AuditLogFill.RunAsync(silo.Services.GetRequiredService<Database>(), counties, rows, now.AddDays(-days), now);
            table.Add(provider.ToString(), "filling the log", $"{rows:N0}", $"{Stopwatch.GetElapsedTime(filling).TotalSeconds:F0} s", "");
            var log = ActivatorUtilities.CreateInstance<AuditLog>(silo.Services);
            var county = counties[counties.Count / 2];
            var today = Day(ChinaClock.Today(TimeProvider.System));
            var past = Day(ChinaClock.Today(TimeProvider.System).AddDays(-days * 2 / 3));
            async Task Measure(string label, AuditQuery query)
            {
                var times = new List<double>();
                var found = 0;
                for (var round = 0; round < rounds; round++)
                {
                    var started = Stopwatch.GetTimestamp();
                    found = (await log.ReadAsync(query, _ => true, CancellationToken.None)).Count;
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                table.Add(provider.ToString(), label, $"{found:N0}", $"{times[0]:F1}", $"{Stats.Median(times):F1}");
            }
            await Measure("a county's latest 200", new AuditQuery(long.MaxValue, 200, [county], NewestFirst: true));
            await Measure("a county's earliest 200", new AuditQuery(0, 200, [county]));
            var todays = new AuditQuery(long.MaxValue, 200, [county], From: today.From, To: today.To, NewestFirst: true);
            await Measure("a county's today, newest first (上报记录)", todays);
            var newest = (await log.ReadAsync(todays, _ => true, CancellationToken.None))[0].Id;
            await Measure("what came after its newest (上报记录 following today)", new AuditQuery(newest, 200, [county], From: today.From, To: today.To));
            await Measure($"a county's day {days * 2 / 3} days back, newest first", new AuditQuery(long.MaxValue, 200, [county], From: past.From, To: past.To, NewestFirst: true));
            await Measure($"a county's day {days * 2 / 3} days back, oldest first", new AuditQuery(0, 200, [county], From: past.From, To: past.To));
            await Measure($"a key's week up to {days * 2 / 3} days back", new AuditQuery(0, 100, KeyId: $"key_{county}", From: past.From.AddDays(-6), To: past.To));
            await Measure($"every org's day {days * 2 / 3} days back, first 100", new AuditQuery(0, 100, From: past.From, To: past.To));
        }
        table.Print($"audit: {rows:N0} entries over {days} days, {rounds} rounds per read");
    }

    private static (DateTimeOffset From, DateTimeOffset To) Day(DateOnly day)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaClock.Offset);
        return (from, from.AddDays(1).AddTicks(-1));
    }
}
