using System.Data.Common;
using System.Diagnostics;

namespace Coverage.Silo.Storage;

/// <summary>
/// One durable write, applied inside a group transaction. Its caller's task completes only after that transaction
/// committed, so an acknowledged write is on disk.
/// </summary>
public abstract class WriteOperation
{
    /// <summary>The span of the request that made this write, for the commit's span to link to; none while nothing traces.</summary>
    public ActivityContext Origin { get; } = Activity.Current?.Context ?? default;

    /// <summary>Called once the transaction that applied this operation committed.</summary>
    public abstract void Committed();

    public abstract void Failed(Exception error);
}

/// <summary>A write that runs its own commands inside the group transaction.</summary>
internal interface IAppliedWrite
{
    Task ApplyAsync(DbConnection connection, DbTransaction transaction);
}

/// <summary>A write whose caller learns a result computed while applying it.</summary>
public sealed class WriteOperation<T>(Func<DbConnection, DbTransaction, Task<T>> apply) : WriteOperation, IAppliedWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Completion => _completion.Task;

    public async Task ApplyAsync(DbConnection connection, DbTransaction transaction) =>
        _result = await apply(connection, transaction);

    public override void Committed() => _completion.TrySetResult(_result);

    public override void Failed(Exception error) => _completion.TrySetException(error);
}

/// <summary>
/// A single statement whose caller learns how many rows it touched, with an optional companion that is written only
/// when the statement touched a row.
/// </summary>
public sealed class StatementWrite(Statement statement, Statement? companion = null) : WriteOperation
{
    /// <summary>
    /// The writers' short tails run on the committer's thread, one after another, as it completes the commit: waking a
    /// pool thread for each of a commit's writers cost more CPU than the tails themselves, and the writes that arrive
    /// meanwhile make the next commit larger. The tails never block, so they cannot hold the committer up for long.
    /// </summary>
    private readonly TaskCompletionSource<int> _completion = new();

    public Statement Statement { get; } = statement;

    public Statement? Companion { get; } = companion;

    public int RowsAffected { get; internal set; }

    public Task<int> Completion => _completion.Task;

    public override void Committed() => _completion.TrySetResult(RowsAffected);

    public override void Failed(Exception error) => _completion.TrySetException(error);
}
