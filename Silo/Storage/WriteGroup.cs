namespace Coverage.Silo.Storage;

/// <summary>
/// State writes of several grains, with statements of the caller's own, that commit in one transaction or not at all.
/// The caller names the grains and makes its calls to them through <see cref="CallAsync"/>; a named grain's state write
/// made in such a call's turn joins the group instead of committing alone, and waits, still holding its turn so no other
/// call can slip in, until every named grain has joined or left: left having nothing to write, or failing before it wrote.
/// One that leaves failing fails them all, so that nothing is written.
/// </summary>
public sealed class WriteGroup
{
    private static readonly AsyncLocal<WriteGroup?> Current = new();
    private readonly Lock _lock = new();
    private readonly GroupCommitter _committer;
    private readonly string _stateName;
    private readonly HashSet<string> _named;
    private readonly HashSet<string> _waiting;
    private readonly List<StatementWrite> _writes = [];
    private readonly TaskCompletionSource _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private bool _committing;

    public WriteGroup(GroupCommitter committer, string stateName, IEnumerable<string> grainKeys, IEnumerable<Statement> statements)
    {
        _committer = committer;
        _stateName = stateName;
        _named = new HashSet<string>(grainKeys, StringComparer.Ordinal);
        _waiting = new HashSet<string>(_named, StringComparer.Ordinal);
        _writes.AddRange(statements.Select(s => new StatementWrite(s)));
    }

    /// <summary>Completes once the group committed; faults with what failed it otherwise.</summary>
    public Task Outcome => _outcome.Task;

    /// <summary>
    /// Makes one named grain's call with the group attached, so the state write in its turn joins the group, and tells the
    /// group when the call ended without joining. Answers what the call failed with, or null.
    /// </summary>
    public async Task<Exception?> CallAsync(string grainKey, Func<Task> call)
    {
        // Set within this async method, the group flows into the call and is gone again for the caller once this returns.
        Current.Value = this;
        Exception? failure = null;
        try
        {
            await call();
        }
        catch (Exception error)
        {
            failure = error;
        }
        Leave(grainKey, failure);
        return failure;
    }

    private void Leave(string grainKey, Exception? error)
    {
        StatementWrite[] joined;
        lock (_lock)
        {
            if (!_waiting.Remove(grainKey))
                return;
            if (error is null || _failure is not null)
                joined = [];
            else
            {
                _failure = error;
                joined = [.. _writes];
            }
        }
        if (error is null)
        {
            CommitIfComplete();
            return;
        }
        // Outside the lock: the joined grains resume on this thread, and their callers may leave in turn.
        foreach (var write in joined)
            write.Failed(new WriteGroupAbandonedException(error));
        _outcome.TrySetException(error);
    }

    /// <summary>The write's commit when <paramref name="grainKey"/> is named in the attached group; null when it should commit alone.</summary>
    internal static Task<int>? TryJoin(string stateName, string grainKey, Statement statement) =>
        Current.Value is { } group && group._stateName == stateName ? group.Join(grainKey, statement) : null;

    private Task<int>? Join(string grainKey, Statement statement)
    {
        if (!_named.Contains(grainKey))
            return null;
        StatementWrite write;
        lock (_lock)
        {
            if (_failure is not null)
                return Task.FromException<int>(new WriteGroupAbandonedException(_failure));
            if (!_waiting.Remove(grainKey))
                return Task.FromException<int>(new InvalidOperationException($"{grainKey} already joined or left this write group."));
            _writes.Add(write = new StatementWrite(statement));
        }
        CommitIfComplete();
        return write.Completion;
    }

    private void CommitIfComplete()
    {
        lock (_lock)
        {
            if (_waiting.Count > 0 || _failure is not null || _committing)
                return;
            _committing = true;
        }
        _ = CommitAsync();
    }

    private async Task CommitAsync()
    {
        try
        {
            await _committer.WriteAllAsync(_writes);
            _outcome.TrySetResult();
        }
        catch (Exception error)
        {
            _outcome.TrySetException(error);
        }
    }
}
