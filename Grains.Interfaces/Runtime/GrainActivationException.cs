namespace Coverage.Runtime;

/// <summary>A grain could not be activated (its state could not be read); the next call tries again.</summary>
public sealed class GrainActivationException(string grainType, string key, Exception inner)
    : Exception($"Grain {grainType}/{key} could not be activated: {inner.Message}. The call was not run; the next call retries activation.", inner);
