namespace Coverage.Runtime;

/// <summary>A state write carried a version that storage no longer holds: someone else wrote in between.</summary>
public sealed class InconsistentStateException(string stateName, string key, long expectedVersion, long? storedVersion)
    : Exception($"State '{stateName}' of grain '{key}' was written with version {expectedVersion} but storage holds " +
                $"{(storedVersion is null ? "no record" : $"version {storedVersion}")}; the write was refused to avoid overwriting a newer state.")
{
    public long ExpectedVersion { get; } = expectedVersion;

    public long? StoredVersion { get; } = storedVersion;
}
