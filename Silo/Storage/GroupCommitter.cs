using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Storage;

/// <summary>
/// Funnels every durable write through one loop that commits whatever has queued up in a single transaction,
/// so many concurrent writers share one fsync. A write that fails alone is retried alone, so one bad write
/// cannot sink the others in its batch.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue = Channel.CreateBounded<WriteOperation>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Database _database;
    private readonly ILogger<GroupCommitter> _logger;
    private readonly int _maxBatch;
    private readonly Task _loop;

    public GroupCommitter(Database database, StorageOptions options, ILogger<GroupCommitter> logger)
    {
        _database = database;
        _logger = logger;
        _maxBatch = options.MaxBatch;
        _loop = Task.Run(RunAsync);
    }

    public long Commits { get; private set; }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> apply)
    {
        var operation = new WriteOperation<T>(apply);
        return _queue.Writer.TryWrite(operation) ? operation.Completion : EnqueueSlowlyAsync(operation);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task<T> EnqueueSlowlyAsync<T>(WriteOperation<T> operation)
    {
        await _queue.Writer.WriteAsync(operation);
        return await operation.Completion;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var operation))
                batch.Add(operation);
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<WriteOperation> batch)
    {
        DbConnection connection;
        try
        {
            connection = await _database.OpenAsync();
        }
        catch (Exception error)
        {
            var unavailable = new StorageUnavailableException($"The database is unavailable ({error.Message}); nothing was written.", error);
            foreach (var operation in batch)
                operation.Failed(unavailable);
            return;
        }
        await using (connection)
        {
            if (await TryCommitAsync(connection, batch) is not { } error)
                return;
            if (batch.Count == 1)
            {
                batch[0].Failed(Explain(error));
                return;
            }
            _logger.LogWarning(error, "A batch of {Count} writes failed; retrying each alone", batch.Count);
            foreach (var operation in batch)
            {
                if (await TryCommitAsync(connection, [operation]) is { } single)
                    operation.Failed(Explain(single));
            }
        }
    }

    private async Task<Exception?> TryCommitAsync(DbConnection connection, List<WriteOperation> operations)
    {
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var operation in operations)
                await operation.ApplyAsync(connection, transaction);
            await transaction.CommitAsync();
        }
        catch (Exception error)
        {
            return error;
        }
        Commits++;
        foreach (var operation in operations)
            operation.Committed();
        return null;
    }

    private static Exception Explain(Exception error) => error is DbException
        ? new StorageUnavailableException($"The database refused the write ({error.Message}); nothing was written.", error)
        : error;
}
