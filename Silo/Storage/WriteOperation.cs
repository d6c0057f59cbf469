using System.Data.Common;

namespace Coverage.Silo.Storage;

/// <summary>
/// One durable write, applied inside a group transaction. Its caller's task completes only after that transaction
/// committed, so an acknowledged write is on disk.
/// </summary>
public abstract class WriteOperation
{
    public abstract Task ApplyAsync(DbConnection connection, DbTransaction transaction);

    /// <summary>Called once the transaction that applied this operation committed.</summary>
    public abstract void Committed();

    public abstract void Failed(Exception error);
}

/// <summary>A write whose caller learns a result computed while applying it.</summary>
public sealed class WriteOperation<T>(Func<DbConnection, DbTransaction, Task<T>> apply) : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Completion => _completion.Task;

    public override async Task ApplyAsync(DbConnection connection, DbTransaction transaction) =>
        _result = await apply(connection, transaction);

    public override void Committed() => _completion.TrySetResult(_result);

    public override void Failed(Exception error) => _completion.TrySetException(error);
}
