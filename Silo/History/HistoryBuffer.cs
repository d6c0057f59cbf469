using System.Collections.Concurrent;
using Coverage.Contracts;

namespace Coverage.Silo.History;

/// <summary>
/// Receives every org change inside the grain's turn and only keeps the latest totals per org and day, so the ingest
/// path pays one dictionary write; <see cref="HistoryFlusher"/> writes them out in batches.
/// </summary>
public sealed class HistoryBuffer(TimeProvider clock) : IOrgChangeSink
{
    /// <summary>Changes held before the flusher is woken early; coalescing keeps entries at most one per org and day.</summary>
    public const int FlushThreshold = 50_000;

    private readonly ConcurrentDictionary<(string Code, DateOnly Day), Totals> _pending = new();
    private TaskCompletionSource _full = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _changes;

    public void OrgChanged(OrgSummary summary)
    {
        _pending[(summary.Code, ChinaClock.DateOf(summary.UpdatedAt ?? clock.GetUtcNow()))] = summary.Totals;
        if (Interlocked.Increment(ref _changes) == FlushThreshold)
            _full.TrySetResult();
    }

    /// <summary>Completes after <paramref name="interval"/>, or earlier when many changes are waiting.</summary>
    public async Task WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await Task.WhenAny(_full.Task, Task.Delay(interval, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    public IReadOnlyList<KeyValuePair<(string Code, DateOnly Day), Totals>> Snapshot()
    {
        if (_full.Task.IsCompleted)
            _full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _changes, 0);
        return _pending.ToArray();
    }

    /// <summary>Forgets written entries, keeping any that changed again while they were being written.</summary>
    public void Written(IEnumerable<KeyValuePair<(string Code, DateOnly Day), Totals>> entries)
    {
        foreach (var entry in entries)
            _pending.TryRemove(entry);
    }

    /// <summary>Drops the points of deregistered orgs, whose history their deregistration deleted.</summary>
    public void Drop(IReadOnlyCollection<string> codes)
    {
        foreach (var key in _pending.Keys.Where(key => codes.Contains(key.Code)))
            _pending.TryRemove(key, out _);
    }

    /// <summary>Not yet written points of one org between two days, so reads see today's value live.</summary>
    public IEnumerable<DailyTotals> PendingFor(string code, DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (_pending.TryGetValue((code, day), out var totals))
                yield return new DailyTotals(day, totals);
        }
    }
}
