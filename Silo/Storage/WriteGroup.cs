namespace Coverage.Silo.Storage;

/// <summary>
/// State writes of several grains, with statements of the caller's own, that commit in one transaction or not at all.
/// The caller names the grains and attaches the group around its calls to them; a named grain's state write made in such a
/// call's turn joins the group instead of committing alone, and waits, still holding its turn so no other call can slip in,
/// until every named grain has joined or left: left having nothing to write, or failing before it wrote. One that leaves
/// failing fails them all, so that nothing is written.
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

    /// <summary>Offers the group to state writes made within the returned scope and in the turns of calls made from it.</summary>
    public Scope Attach()
    {
        var previous = Current.Value;
        Current.Value = this;
        return new Scope(previous);
    }

    /// <summary>The named grain's call ended; <paramref name="error"/> fails the group unless the grain had already joined.</summary>
    public void Leave(string grainKey, Exception? error)
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

    public readonly struct Scope(WriteGroup? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
