namespace Coverage.Silo.Runtime;

public sealed record StoredState(string Key, string Payload, long Version);

/// <summary>Durable grain state with optimistic versions: a write names the version it replaces.</summary>
public interface IGrainStateStore
{
    Task<StoredState?> ReadAsync(string stateName, string key);

    /// <summary>Returns the new version; throws InconsistentStateException when the stored version is not the expected one.</summary>
    Task<long> WriteAsync(string stateName, string key, string payload, long expectedVersion);

    Task<IReadOnlyList<StoredState>> ReadAllAsync(string stateName);
}
