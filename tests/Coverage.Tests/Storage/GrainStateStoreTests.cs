using Coverage.Runtime;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coverage.Tests.Storage;

public sealed class GrainStateStoreTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task WrittenStateReadsBackWithItsVersion(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        var version = await silo.Store.WriteAsync("org", "450102", """{"x":1}""", 0);
        version = await silo.Store.WriteAsync("org", "450102", """{"x":2}""", version);

        var stored = await silo.Store.ReadAsync("org", "450102");
        Assert.Equal(2, stored!.Version);
        Assert.Equal("""{"x":2}""", stored.Payload);
        Assert.Null(await silo.Store.ReadAsync("org", "999999"));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task HundredsOfReadsAtOnceEachGetTheirOwnStateOrNothing(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => silo.Store.WriteAsync("org", $"k{i}", $$"""{"i":{{i}}}""", 0)));

        var reads = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => silo.Store.ReadAsync("org", $"k{i}")));

        for (var i = 0; i < 300; i++)
            Assert.Equal($$"""{"i":{{i}}}""", reads[i]!.Payload);
        Assert.All(reads[300..], Assert.Null);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task CreatingARecordThatExistsIsRefused(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        await silo.Store.WriteAsync("org", "450102", """{"x":1}""", 0);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => silo.Store.WriteAsync("org", "450102", """{"x":9}""", 0));
        Assert.Equal(1, error.StoredVersion);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ConcurrentWritesShareCommitsAndAConflictDoesNotSinkTheOthers(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        var committer = silo.Services.GetRequiredService<GroupCommitter>();
        await silo.Store.WriteAsync("org", "taken", "{}", 0);
        var commitsBefore = committer.Commits;

        var writes = Enumerable.Range(0, 500).Select(i => silo.Store.WriteAsync("org", $"k{i}", $$"""{"i":{{i}}}""", 0)).ToList();
        var conflicting = silo.Store.WriteAsync("org", "taken", "{}", 0);
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);

        Assert.Equal(501, (await silo.Store.ReadAllAsync("org").ToListAsync()).Count);
        Assert.True(committer.Commits - commitsBefore < 250, $"{committer.Commits - commitsBefore} commits for 501 writes");
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AWriteTheDatabaseRejectsHalfwayLeavesNoTraceAndTheRestOfItsBatchCommits(StorageProvider provider)
    {
        var log = new BatchFailures();
        await using var silo = await SiloHost.StartAsync(provider, services => services.AddSingleton<ILoggerProvider>(log));
        var committer = silo.Services.GetRequiredService<GroupCommitter>();
        await committer.WriteAsync((connection, transaction) => ExecuteAsync(connection, transaction, "CREATE TABLE probe_rows (id TEXT PRIMARY KEY)"));

        // Everything below queues while this write holds the committer, so it all goes into the next batch together.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = committer.WriteAsync(async (_, _) =>
        {
            held.SetResult();
            await Task.Delay(300);
            return 0;
        });
        await held.Task;
        var before = Enumerable.Range(0, 100).Select(i => silo.Store.WriteAsync("org", $"before{i}", "{}", 0)).ToList();
        var failing = committer.WriteAsync(async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, "INSERT INTO probe_rows (id) VALUES ('half')");
            return await ExecuteAsync(connection, transaction, "INSERT INTO no_such_table (id) VALUES ('rest')");
        });
        var after = Enumerable.Range(0, 100).Select(i => silo.Store.WriteAsync("org", $"after{i}", "{}", 0)).ToList();
        await holding;
        await Task.WhenAll(before.Concat(after));

        await Assert.ThrowsAsync<StorageUnavailableException>(() => failing);
        Assert.Equal(200, (await silo.Store.ReadAllAsync("org").ToListAsync()).Count);
        Assert.Equal(0L, await committer.WriteAsync(async (connection, transaction) =>
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "SELECT COUNT(*) FROM probe_rows";
            return Convert.ToInt64(await count.ExecuteScalarAsync());
        }));
        Assert.Contains(log.Sizes, size => size > 200);
    }

    private static async Task<int> ExecuteAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task MigratingTwiceIsHarmless(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider);
        await silo.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        Assert.NotNull(silo.Services.GetRequiredService<IGrainStateStore>());
    }

    /// <summary>The sizes of the batches the committer reports as failed and retried write by write.</summary>
    private sealed class BatchFailures : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentBag<int> Sizes { get; } = [];

        public ILogger CreateLogger(string categoryName) =>
            categoryName == typeof(GroupCommitter).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields && fields.FirstOrDefault(f => f.Key == "Count").Value is int count)
                Sizes.Add(count);
        }

        public void Dispose()
        {
        }
    }
}
