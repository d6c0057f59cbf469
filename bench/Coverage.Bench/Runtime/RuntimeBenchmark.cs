using System.Diagnostics;
using Coverage.Bench.Harness;
using Coverage.Silo.Hosting;
using Coverage.Silo.Storage;

namespace Coverage.Bench.Runtime;

/// <summary>
/// Calls per second through the grain runtime, to many grains and to one, each next to the same calls made through a
/// bare Channel per grain. Callers await each call before making the next; "turn awaits" makes every turn yield once, so
/// each call also pays the hand-off to the activation's mailbox loop and the caller's continuation.
/// </summary>
public static class RuntimeBenchmark
{
    public static async Task RunAsync(BenchArgs options)
    {
        var keys = options.Int("keys", 10_000);
        var callers = options.Int("callers", 1_000);
        var calls = options.Int("calls", 2_000_000);
        var oneCallers = options.Int("one-callers", 100);
        var oneCalls = options.Int("one-calls", 1_000_000);
        var rounds = options.Int("rounds", 5);

        await using var database = await BenchDatabase.CreateAsync(StorageProvider.Sqlite, null);
        await using var silo = await BenchSilo.StartAsync(database, services => services.AddGrain<IBenchGrain, BenchGrain>());
        var names = Enumerable.Range(0, keys).Select(k => $"bench-{k}").ToArray();
        var references = names.Select(silo.Grains.GetGrain<IBenchGrain>).ToArray();
        var single = silo.Grains.GetGrain<IBenchGrain>("bench-one");
        var channels = names.Select(_ => new ChannelGrain()).ToArray();
        var channel = new ChannelGrain();

        var table = new Table("scenario", "callers", "calls/round", "median calls/s", "min–max calls/s", "alloc B/call", "baseline ÷ runtime", "load before");
        var manyBaseline = await MeasureAsync(table, $"Channel baseline, {keys:N0} grains", i => channels[i % keys].Ping(i), callers, calls, rounds, null);
        await MeasureAsync(table, $"runtime, {keys:N0} grains, held references", i => references[i % keys].Ping(i), callers, calls, rounds, manyBaseline);
        await MeasureAsync(table, $"runtime, {keys:N0} grains, GetGrain per call", i => silo.Grains.GetGrain<IBenchGrain>(names[i % keys]).Ping(i),
            callers, calls, rounds, manyBaseline);
        var awaitingBaseline = await MeasureAsync(table, $"Channel baseline, {keys:N0} grains, turn awaits", i => channels[i % keys].PingAfterYield(i),
            callers, calls, rounds, null);
        await MeasureAsync(table, $"runtime, {keys:N0} grains, turn awaits", i => references[i % keys].PingAfterYield(i), callers, calls, rounds,
            awaitingBaseline);
        var oneBaseline = await MeasureAsync(table, "Channel baseline, 1 grain", channel.Ping, oneCallers, oneCalls, rounds, null);
        await MeasureAsync(table, "runtime, 1 grain", single.Ping, oneCallers, oneCalls, rounds, oneBaseline);
        table.Print("runtime");

        await Task.WhenAll(channels.Append(channel).Select(c => c.StopAsync()));
    }

    private static async Task<double> MeasureAsync(Table table, string scenario, Func<int, Task<int>> call, int callers, int calls, int rounds,
        double? baseline)
    {
        var load = Machine.Load();
        await RoundAsync(call, callers, calls);
        var results = new List<(double PerSecond, double BytesPerCall)>();
        for (var round = 0; round < rounds; round++)
            results.Add(await RoundAsync(call, callers, calls));
        var median = Stats.Median(results.Select(r => r.PerSecond));
        table.Add(scenario, $"{callers:N0}", $"{calls:N0}", $"{median:N0}",
            $"{results.Min(r => r.PerSecond):N0}–{results.Max(r => r.PerSecond):N0}",
            $"{Stats.Median(results.Select(r => r.BytesPerCall)):N0}",
            baseline is { } b ? $"{b / median:0.00}x" : "—", load);
        return median;
    }

    private static async Task<(double PerSecond, double BytesPerCall)> RoundAsync(Func<int, Task<int>> call, int callers, int calls)
    {
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var running = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var first = c;
            running[c] = Task.Run(() => CallerAsync(call, first, callers, calls));
        }
        await Task.WhenAll(running);
        watch.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return (calls / watch.Elapsed.TotalSeconds, (double)bytes / calls);
    }

    private static async Task CallerAsync(Func<int, Task<int>> call, int first, int stride, int calls)
    {
        for (var i = first; i < calls; i += stride)
            await call(i);
    }
}
