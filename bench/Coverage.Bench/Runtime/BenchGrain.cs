using Coverage.Runtime;

namespace Coverage.Bench.Runtime;

/// <summary>Counts its calls; no state, so nothing touches storage.</summary>
public sealed class BenchGrain : IBenchGrain
{
    private int _calls;

    /// <summary>The runtime hands every grain its context; this one needs nothing from it, and the baseline has none.</summary>
    public BenchGrain(IGrainContext? context = null)
    {
    }

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);

    public async Task<int> PingAfterYield(int value)
    {
        await Task.Yield();
        return value + ++_calls;
    }
}
