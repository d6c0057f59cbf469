using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;

namespace Coverage.Silo.Storage;

/// <summary>
/// Runs a commit's statements on the committer's own connection: SQLite reuses one prepared statement per SQL text,
/// PostgreSQL gets the whole commit's statements in one round trip.
/// </summary>
internal sealed partial class StatementRunner(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _positional = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public async Task RunAsync(IReadOnlyList<StatementWrite> writes, DbTransaction transaction)
    {
        if (connection is NpgsqlConnection postgres && writes.Count > 1)
        {
            await RunBatchAsync(postgres, writes, (NpgsqlTransaction)transaction);
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
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                command.Parameters.Add(parameter);
            }
            _prepared[statement.Sql] = command;
        }
        command.Transaction = transaction;
        for (var i = 0; i < statement.Values.Length; i++)
            command.Parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        return command;
    }

    private async Task RunBatchAsync(NpgsqlConnection connection, IReadOnlyList<StatementWrite> writes, NpgsqlTransaction transaction)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var mains = new NpgsqlBatchCommand[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            batch.BatchCommands.Add(mains[i] = CommandFor(writes[i].Statement));
            if (writes[i].Companion is { } companion)
                batch.BatchCommands.Add(CommandFor(companion));
        }
        await batch.ExecuteNonQueryAsync();
        for (var i = 0; i < writes.Count; i++)
        {
            writes[i].RowsAffected = (int)mains[i].Rows;
            // A batch cannot skip a companion, so one written beside a refused statement sinks the batch and each write is retried alone.
            if (writes[i].RowsAffected == 0 && writes[i].Companion is not null)
                throw new InvalidOperationException("A write with a companion was refused inside a batch; the batch is retried write by write.");
        }
    }

    /// <summary>
    /// With $1, $2 … and unnamed parameters Npgsql sends the text as it is; named ones make it parse and rewrite every
    /// statement of every commit.
    /// </summary>
    private NpgsqlBatchCommand CommandFor(Statement statement)
    {
        if (!_positional.TryGetValue(statement.Sql, out var sql))
            _positional[statement.Sql] = sql = NamedParameter().Replace(statement.Sql, m => $"${int.Parse(m.Groups[1].ValueSpan) + 1}");
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in statement.Values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    [GeneratedRegex(@"@p(\d+)\b")]
    private static partial Regex NamedParameter();
}
