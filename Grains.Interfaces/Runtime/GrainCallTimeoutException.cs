namespace Coverage.Runtime;

/// <summary>A grain call did not complete within the configured call timeout.</summary>
public sealed class GrainCallTimeoutException(string grainType, string key, string method, TimeSpan timeout)
    : TimeoutException($"Call {grainType}/{key}.{method} did not complete within {timeout.TotalSeconds:0.###} s.");
