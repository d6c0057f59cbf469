using System.Diagnostics;

namespace Coverage.Bench.Harness;

/// <summary>
/// A fixed number of clients. Closed loop: each sends its next request as soon as the previous one answered, which
/// finds the throughput ceiling (and latency there is concurrency ÷ throughput). Paced: the clients share a fixed offered
/// rate and each request's latency counts from when it was due, so a slow answer also charges the requests it delayed.
/// One continuous run is cut into a warm-up and equal rounds by the clock, so no round pays for ramp-up or ramp-down.
/// </summary>
public static class LoadGenerator
{
    /// <param name="rate">Requests per second offered by all clients together; null for a closed loop.</param>
    /// <param name="request">Sends one request for the given client and returns its status code.</param>
    /// <param name="cpu">Reads the CPU used so far, at the start of the first round and the end of the last; null for none.</param>
    public static async Task<LoadResult> RunAsync(int clients, TimeSpan warmup, TimeSpan round, int rounds, double? rate, Func<int, Task<int>> request,
        Func<CpuUse>? cpu = null)
    {
        var phase = -1;
        var samples = new List<Sample>[clients];
        var stop = false;
        var interval = rate is { } perSecond ? (long)(Stopwatch.Frequency * clients / perSecond) : 0;
        var origin = Stopwatch.GetTimestamp();
        var running = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = samples[c] = new List<Sample>(64 * 1024);
            var due = origin + interval * c / clients;
            while (!Volatile.Read(ref stop))
            {
                if (interval > 0)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait);
                }
                var started = interval > 0 ? due : Stopwatch.GetTimestamp();
                due += interval;
                int status;
                try
                {
                    status = await request(c);
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                mine.Add(new Sample(Volatile.Read(ref phase), Stopwatch.GetElapsedTime(started).TotalMilliseconds, status));
            }
        })).ToArray();
        await Task.Delay(warmup);
        var cpuBefore = cpu?.Invoke();
        for (var r = 0; r < rounds; r++)
        {
            Volatile.Write(ref phase, r);
            await Task.Delay(round);
        }
        Volatile.Write(ref phase, rounds);
        var cpuUsed = cpu?.Invoke() - cpuBefore;
        Volatile.Write(ref stop, true);
        await Task.WhenAll(running);
        var measured = samples.SelectMany(s => s).Where(s => s.Phase >= 0 && s.Phase < rounds).ToArray();
        return new LoadResult(
            Enumerable.Range(0, rounds).Select(r => measured.Count(s => s.Phase == r) / round.TotalSeconds).ToArray(),
            measured.Select(s => s.Milliseconds).Order().ToArray(),
            measured.GroupBy(s => s.Status).ToDictionary(g => g.Key, g => g.Count()),
            rounds > 0 ? cpuUsed : null);
    }

    private readonly record struct Sample(int Phase, double Milliseconds, int Status);
}
