using System.Text.Json;
using Coverage.Runtime;

namespace Coverage.Silo.Runtime;

internal sealed class PersistentState<TState>(string stateName, string key, IGrainStateStore store)
    : IPersistentState<TState>, IStateLifecycle where TState : class, new()
{
    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public bool RecordExists => Version > 0;

    public async Task ReadStateAsync()
    {
        var stored = await store.ReadAsync(stateName, key);
        State = stored is null ? new() : JsonSerializer.Deserialize<TState>(stored.Payload, StateJson.Options) ?? new();
        Version = stored?.Version ?? 0;
    }

    public async Task WriteStateAsync() =>
        Version = await store.WriteAsync(stateName, key, JsonSerializer.Serialize(State, StateJson.Options), Version);
}
