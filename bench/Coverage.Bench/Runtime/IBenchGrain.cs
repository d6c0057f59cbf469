using Coverage.Runtime;

namespace Coverage.Bench.Runtime;

/// <summary>A grain whose call does almost nothing, so the benchmark measures the runtime around it.</summary>
public interface IBenchGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    /// <summary>The same, but the turn awaits once, as a grain that writes its state does.</summary>
    Task<int> PingAfterYield(int value);
}
