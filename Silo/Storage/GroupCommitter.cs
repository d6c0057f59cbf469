using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Coverage.Silo.Hosting;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Storage;

/// <summary>
/// Funnels every durable write through one loop that commits whatever has queued up in a single transaction,
/// so many concurrent writers share one fsync. A write that fails alone is retried alone, so one bad write
/// cannot sink the others in its batch. It keeps one connection open, so prepared statements outlive a commit.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxGatherPasses = 16;

    private readonly Channel<WriteOperation> _queue = Channel.CreateBounded<WriteOperation>(
        new BoundedChannelOptions(100_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Database _database;
    private readonly WriterClaim _claim;
    private readonly SiloMetrics _metrics;
    private readonly StorageOutageLog _outage;
    private readonly ILogger<GroupCommitter> _logger;
    private readonly int _maxBatch;
    private readonly Task _loop;
    private StatementRunner? _runner;

    public GroupCommitter(Database database, WriterClaim claim, StorageOptions options, SiloMetrics metrics, StorageOutageLog outage,
        ILogger<GroupCommitter> logger)
    {
        _database = database;
        _claim = claim;
        _metrics = metrics;
        _outage = outage;
        metrics.ObserveQueuedWrites(() => _queue.Reader.Count);
        _logger = logger;
        _maxBatch = options.MaxBatch;
        _loop = Task.Run(RunAsync);
    }

    public long Commits { get; private set; }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> apply)
    {
        var operation = new WriteOperation<T>(apply);
        return Enqueue(operation, operation.Completion);
    }

    /// <summary>Commits one statement and answers how many rows it touched; the cheap path for the hottest writes.</summary>
    public Task<int> WriteAsync(Statement statement, Statement? companion = null)
    {
        var operation = new StatementWrite(statement, companion);
        return Enqueue(operation, operation.Completion);
    }

    /// <summary>Commits the statements in one transaction, or none of them when one touches no row; answers how many it wrote.</summary>
    public Task<int> WriteAllAsync(IReadOnlyList<StatementWrite> writes)
    {
        var operation = new AllOrNothingWrite(writes);
        return Enqueue(operation, operation.Completion);
    }

    /// <summary>The statements in one transaction, or none of them when one touches no row.</summary>
    public Task<int> WriteAllAsync(IEnumerable<Statement> statements) => WriteAllAsync([.. statements.Select(s => new StatementWrite(s))]);

    /// <summary>
    /// Commits nothing: connecting is what claims the database, so a second process fails here, before it changes anything,
    /// with a <see cref="StorageUnavailableException"/> around the <see cref="DatabaseClaimedException"/>.
    /// </summary>
    public Task ClaimAsync() => WriteAsync((_, _) => Task.FromResult(true));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await DisconnectAsync();
    }

    private Task<T> Enqueue<T>(WriteOperation operation, Task<T> completion) =>
        _queue.Writer.TryWrite(operation) ? completion : EnqueueSlowlyAsync(operation, completion);

    private async Task<T> EnqueueSlowlyAsync<T>(WriteOperation operation, Task<T> completion)
    {
        await _queue.Writer.WriteAsync(operation);
        return await completion;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            await GatherAsync(batch);
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    /// <summary>
    /// Takes what is queued, then lets the thread pool run queued work once and takes again, for as long as that brings
    /// more: requests already under way reach the queue and share this commit instead of waiting for the next. When a pass
    /// brings nothing the commit starts, so a lone write waits one pass of the pool, never a timer.
    /// </summary>
    private async Task GatherAsync(List<WriteOperation> batch)
    {
        for (var pass = 0; pass <= MaxGatherPasses; pass++)
        {
            var before = batch.Count;
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var operation))
                batch.Add(operation);
            if (batch.Count == _maxBatch || (pass > 0 && batch.Count == before))
                return;
            await Task.Yield();
        }
    }

    private async Task CommitAsync(List<WriteOperation> batch)
    {
        if (await TryCommitAsync(batch) is not { } error)
            return;
        if (batch.Count == 1 || error is StorageUnavailableException)
        {
            foreach (var operation in batch)
                operation.Failed(Explain(error));
            return;
        }
        _logger.LogWarning(error, "A batch of {Count} writes failed; retrying each alone", batch.Count);
        foreach (var operation in batch)
        {
            if (await TryCommitAsync([operation]) is { } single)
                operation.Failed(Explain(single));
        }
    }

    private async Task<Exception?> TryCommitAsync(List<WriteOperation> operations)
    {
        var started = Stopwatch.GetTimestamp();
        var span = SiloTracing.Source.HasListeners() ? StartSpan(operations) : null;
        try
        {
            var runner = _runner ??= new StatementRunner(await ConnectAsync());
            var statements = operations.OfType<StatementWrite>().ToList();
            if (statements.Count < operations.Count || !await runner.TryRunAtOnceAsync(statements))
                await RunInTransactionAsync(runner, operations, statements);
        }
        catch (Exception error)
        {
            span?.SetStatus(ActivityStatusCode.Error, error.Message);
            span?.Dispose();
            // The connection may be broken; the next commit starts on a fresh one.
            await DisconnectAsync();
            _metrics.CommitFailed();
            return error;
        }
        span?.Dispose();
        _outage.Succeeded();
        Commits++;
        _metrics.Committed(operations.Count, Stopwatch.GetElapsedTime(started));
        foreach (var operation in operations)
            operation.Committed();
        return null;
    }

    private static Activity? StartSpan(List<WriteOperation> operations)
    {
        var links = operations.Where(o => o.Origin != default).Select(o => new ActivityLink(o.Origin));
        // A root span: whatever activity is current on the committer's thread belongs to no write in particular.
        Activity.Current = null;
        var span = SiloTracing.Source.StartActivity("coverage.storage.commit", ActivityKind.Internal, default(ActivityContext), links: links);
        span?.SetTag("coverage.storage.writes", operations.Count);
        return span;
    }

    private static async Task RunInTransactionAsync(StatementRunner runner, List<WriteOperation> operations, List<StatementWrite> statements)
    {
        await using var transaction = await runner.Connection.BeginTransactionAsync();
        var wholes = operations.OfType<AllOrNothingWrite>().ToList();
        if (statements.Count > 0 || wholes.Count > 0)
            await runner.RunAsync([.. statements, .. wholes.SelectMany(w => w.Writes)], transaction);
        foreach (var whole in wholes)
            whole.ThrowUnlessEveryRowWasTouched();
        foreach (var operation in operations.OfType<IAppliedWrite>())
            await operation.ApplyAsync(runner.Connection, transaction);
        await transaction.CommitAsync();
    }

    private async Task<DbConnection> ConnectAsync()
    {
        DbConnection connection;
        try
        {
            connection = await _database.OpenWriterAsync();
        }
        catch (Exception error)
        {
            throw new StorageUnavailableException($"The database is unavailable ({error.Message}); nothing was written.", error);
        }
        try
        {
            await _claim.ClaimAsync(connection);
            return connection;
        }
        catch (Exception error)
        {
            await connection.DisposeAsync();
            throw error is DatabaseClaimedException
                ? new StorageUnavailableException($"{error.Message} Nothing was written.", error)
                : new StorageUnavailableException($"The database is unavailable ({error.Message}); nothing was written.", error);
        }
    }

    private async Task DisconnectAsync()
    {
        if (_runner is { } runner)
        {
            _runner = null;
            await runner.DisposeAsync();
        }
    }

    private static Exception Explain(Exception error) => error is DbException
        ? new StorageUnavailableException($"The database refused the write ({error.Message}); nothing was written.", error)
        : error;
}
