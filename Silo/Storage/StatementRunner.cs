using System.Data.Common;
using Npgsql;

namespace Coverage.Silo.Storage;

/// <summary>
/// Runs a commit's statements on the committer's own connection: SQLite reuses one prepared statement per SQL text,
/// PostgreSQL gets the whole commit's statements in one or two round trips (<see cref="PostgresBatch"/>).
/// </summary>
internal sealed class StatementRunner(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly PostgresBatch _postgres = new();

    public DbConnection Connection => connection;

    /// <summary>
    /// Runs and commits the writes without a transaction of ours, where the database can do that atomically in one go:
    /// PostgreSQL, when every companion can ride in its main's statement. False, having written nothing, otherwise.
    /// </summary>
    public Task<bool> TryRunAtOnceAsync(IReadOnlyList<StatementWrite> writes) => connection is NpgsqlConnection postgres
        ? _postgres.TryRunAtOnceAsync(postgres, writes)
        : Task.FromResult(false);

    public async Task RunAsync(IReadOnlyList<StatementWrite> writes, DbTransaction transaction)
    {
        if (connection is NpgsqlConnection postgres && writes.Count > 1)
        {
            await _postgres.RunAsync(postgres, writes, (NpgsqlTransaction)transaction);
            return;
        }
        foreach (var write in writes)
        {
            write.RowsAffected = await PreparedFor(write.Statement, transaction).ExecuteNonQueryAsync();
            if (write.RowsAffected > 0 && write.Companion is { } companion)
                await PreparedFor(companion, transaction).ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
            await command.DisposeAsync();
        _prepared.Clear();
        await connection.DisposeAsync();
    }

    private DbCommand PreparedFor(Statement statement, DbTransaction transaction)
    {
        if (!_prepared.TryGetValue(statement.Sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Values.Length; i++)
                command.AddParameter($"@p{i}");
            _prepared[statement.Sql] = command;
        }
        command.Transaction = transaction;
        for (var i = 0; i < statement.Values.Length; i++)
            command.Parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        return command;
    }
}
