using Coverage.Silo.Runtime;

namespace Coverage.Tests.Runtime;

/// <summary>The real store, except that the next reads or writes of one key fail, as a database hiccup would.</summary>
public sealed class FlakyStateStore(IGrainStateStore inner) : IGrainStateStore
{
    private int _failuresLeft;
    private int _writeFailuresLeft;
    private string? _key;

    public void FailNextReads(string key, int count)
    {
        _key = key;
        _failuresLeft = count;
    }

    public void FailNextWrites(string key, int count)
    {
        _key = key;
        _writeFailuresLeft = count;
    }

    public Task<StoredState?> ReadAsync(string stateName, string key) =>
        key == _key && Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new IOException($"Simulated read failure for {key}")
            : inner.ReadAsync(stateName, key);

    public Task<long> WriteAsync(string stateName, string key, string payload, long expectedVersion) =>
        key == _key && Interlocked.Decrement(ref _writeFailuresLeft) >= 0
            ? throw new IOException($"Simulated write failure for {key}")
            : inner.WriteAsync(stateName, key, payload, expectedVersion);

    public Task<IReadOnlyList<StoredState>> ReadManyAsync(string stateName, IReadOnlyCollection<string> keys) => inner.ReadManyAsync(stateName, keys);

    public IAsyncEnumerable<string> ReadKeysAsync(string stateName) => inner.ReadKeysAsync(stateName);

    public IAsyncEnumerable<StoredState> ReadAllAsync(string stateName) => inner.ReadAllAsync(stateName);
}
