using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;
using Coverage.Runtime;

namespace Coverage.Silo.Runtime;

internal sealed class PersistentState<TState>(string stateName, string key, IGrainStateStore store)
    : IPersistentState<TState>, IStateLifecycle where TState : class, new()
{
    private static readonly ulong Unwritten = Fingerprint(JsonSerializer.Serialize(new TState(), StateJson.Options));

    /// <summary>Of the payload last read or written, so a collection writes only state that changed since.</summary>
    private ulong _stored = Unwritten;

    public TState State { get; set; } = new();

    public long Version { get; private set; }

    public bool RecordExists => Version > 0;

    public async Task ReadStateAsync()
    {
        var stored = await store.ReadAsync(stateName, key);
        State = StoredStates.Read<TState>(stored);
        Version = stored?.Version ?? 0;
        _stored = stored is null ? Unwritten : Fingerprint(stored.Payload);
    }

    public Task WriteStateAsync() => WriteAsync(JsonSerializer.Serialize(State, StateJson.Options));

    public Task WriteStateIfChangedAsync()
    {
        var payload = JsonSerializer.Serialize(State, StateJson.Options);
        return Fingerprint(payload) == _stored ? Task.CompletedTask : WriteAsync(payload);
    }

    private async Task WriteAsync(string payload)
    {
        Version = await store.WriteAsync(stateName, key, payload, Version);
        _stored = Fingerprint(payload);
    }

    private static ulong Fingerprint(string payload) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(payload.AsSpan()));
}
