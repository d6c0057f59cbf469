using Coverage.Silo.Runtime;

namespace Coverage.Silo.Storage;

/// <summary>
/// Point reads of one state name: the first few run as they come; reads that arrive while those are out wait and are
/// answered together by one query for all their keys, so hundreds of grains waking at once cost a few round trips
/// instead of hundreds. A lone read never waits for company.
/// </summary>
internal sealed class CoalescedReads(
    string stateName,
    Func<string, string, Task<StoredState?>> readOne,
    Func<string, IReadOnlyCollection<string>, Task<IReadOnlyList<StoredState>>> readMany)
{
    /// <summary>Queries out at once; beyond them reads queue, and each query that ends takes the queue, up to a batch of keys.</summary>
    public const int Concurrent = 4;

    private readonly Lock _lock = new();
    private Dictionary<string, TaskCompletionSource<StoredState?>> _waiting = new(StringComparer.Ordinal);
    private int _out;

    public Task<StoredState?> ReadAsync(string key)
    {
        lock (_lock)
        {
            if (_out < Concurrent)
                _out++;
            else
                return Wait(key);
        }
        return ReadOneThenTheQueuedAsync(key);
    }

    private Task<StoredState?> Wait(string key)
    {
        if (!_waiting.TryGetValue(key, out var waiter))
            _waiting[key] = waiter = new TaskCompletionSource<StoredState?>(TaskCreationOptions.RunContinuationsAsynchronously);
        return waiter.Task;
    }

    private async Task<StoredState?> ReadOneThenTheQueuedAsync(string key)
    {
        try
        {
            return await readOne(stateName, key);
        }
        finally
        {
            _ = ReadQueuedAsync();
        }
    }

    /// <summary>Answers whatever queued meanwhile, one query at a time, until the queue is empty and this query slot is given back.</summary>
    private async Task ReadQueuedAsync()
    {
        while (TakeQueue() is { } waiting)
        {
            try
            {
                var found = (await readMany(stateName, waiting.Keys)).ToDictionary(s => s.Key, StringComparer.Ordinal);
                foreach (var (key, waiter) in waiting)
                    waiter.SetResult(found.GetValueOrDefault(key));
            }
            catch (Exception error)
            {
                foreach (var waiter in waiting.Values)
                    waiter.SetException(error);
            }
        }
    }

    private Dictionary<string, TaskCompletionSource<StoredState?>>? TakeQueue()
    {
        lock (_lock)
        {
            if (_waiting.Count == 0)
            {
                _out--;
                return null;
            }
            if (_waiting.Count <= StoredStates.Batch)
            {
                var all = _waiting;
                _waiting = new Dictionary<string, TaskCompletionSource<StoredState?>>(StringComparer.Ordinal);
                return all;
            }
            var taken = _waiting.Take(StoredStates.Batch).ToDictionary(StringComparer.Ordinal);
            foreach (var key in taken.Keys)
                _waiting.Remove(key);
            return taken;
        }
    }
}
