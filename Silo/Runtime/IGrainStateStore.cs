namespace Coverage.Silo.Runtime;

public sealed record StoredState(string Key, string Payload, long Version);

/// <summary>Durable grain state with optimistic versions: a write names the version it replaces.</summary>
public interface IGrainStateStore
{
    Task<StoredState?> ReadAsync(string stateName, string key);

    /// <summary>The states stored under any of these keys; a key with nothing stored is left out.</summary>
    Task<IReadOnlyList<StoredState>> ReadManyAsync(string stateName, IReadOnlyCollection<string> keys);

    /// <summary>Returns the new version; throws InconsistentStateException when the stored version is not the expected one.</summary>
    Task<long> WriteAsync(string stateName, string key, string payload, long expectedVersion);

    /// <summary>The keys that have a state stored under this name, without the states.</summary>
    IAsyncEnumerable<string> ReadKeysAsync(string stateName);

    /// <summary>Every state stored under this name, read as it is consumed, so a national tree's states need not fit in memory at once.</summary>
    IAsyncEnumerable<StoredState> ReadAllAsync(string stateName);
}
