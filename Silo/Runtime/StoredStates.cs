using System.Text.Json;

namespace Coverage.Silo.Runtime;

/// <summary>Stored grain states as objects, the one way grains, recovery, the consistency check and readers of asleep orgs read them.</summary>
internal static class StoredStates
{
    /// <summary>Keys asked for in one query: a county's grassroots unions take one or two.</summary>
    public const int Batch = 1_000;

    /// <summary>The state as stored, or a new one when nothing is.</summary>
    public static T Read<T>(StoredState? stored) where T : new() =>
        stored is null ? new T() : JsonSerializer.Deserialize<T>(stored.Payload, StateJson.Options) ?? new T();

    /// <summary>The states stored under these keys, read <see cref="Batch"/> keys at a time; a key with nothing stored is left out.</summary>
    public static async Task<Dictionary<string, T>> ReadStatesAsync<T>(this IGrainStateStore store, string stateName, IReadOnlyList<string> keys)
        where T : new()
    {
        var states = new Dictionary<string, T>(keys.Count);
        foreach (var batch in keys.Chunk(Batch))
        {
            foreach (var stored in await store.ReadManyAsync(stateName, batch))
                states[stored.Key] = Read<T>(stored);
        }
        return states;
    }
}
