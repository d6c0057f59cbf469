using System.Data.Common;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;

namespace Coverage.Silo.History;

/// <summary>
/// Writes history rows inside a commit. SQLite runs one prepared single-row statement per row: it binds parameters by
/// name, so a statement with hundreds of them spends its time searching names. PostgreSQL gets whole columns as arrays
/// in one statement per chunk, one round trip each. A deregistered org's points are left out: its history was deleted with
/// it, and a point buffered before then must not bring it back.
/// </summary>
internal static class HistoryUpsert
{
    private const int PostgresRowsPerStatement = 5_000;

    private const string OnConflict = " ON CONFLICT (code, day) DO UPDATE SET totals = excluded.totals, recorded_at = excluded.recorded_at";

    public static Task RunAsync(DbConnection connection, DbTransaction transaction, SqlDialect dialect,
        IReadOnlyList<(string Code, DateOnly Day, Totals Totals)> rows, DateTimeOffset recordedAt) =>
        dialect.Provider == StorageProvider.PostgreSql
            ? RunColumnsAsync(connection, transaction, rows, recordedAt)
            : RunRowByRowAsync(connection, transaction, rows, recordedAt);

    private static async Task RunRowByRowAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string Code, DateOnly Day, Totals Totals)> rows, DateTimeOffset recordedAt)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO org_history (code, day, totals, recorded_at) SELECT @code, @day, @totals, @recordedAt " +
            RetiredOrgs.WhereNotRetired("@code") + OnConflict;
        var (code, day, totals) = (command.AddParameter("@code"), command.AddParameter("@day"), command.AddParameter("@totals"));
        command.AddParameter("@recordedAt", recordedAt);
        await command.PrepareAsync();
        foreach (var row in rows)
        {
            code.Value = row.Code;
            day.Value = Aggregate.Day(row.Day);
            totals.Value = Json(row.Totals);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static async Task RunColumnsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<(string Code, DateOnly Day, Totals Totals)> rows, DateTimeOffset recordedAt)
    {
        foreach (var chunk in rows.Chunk(PostgresRowsPerStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                INSERT INTO org_history (code, day, totals, recorded_at)
                SELECT code, day, CAST(totals AS JSONB), @recordedAt FROM unnest(@codes, @days, @totals) AS r(code, day, totals)
                {RetiredOrgs.WhereNotRetired("r.code")}
                """ + OnConflict;
            command.AddParameter("@codes", chunk.Select(r => r.Code).ToArray());
            command.AddParameter("@days", chunk.Select(r => Aggregate.Day(r.Day)).ToArray());
            command.AddParameter("@totals", chunk.Select(r => Json(r.Totals)).ToArray());
            command.AddParameter("@recordedAt", recordedAt);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string Json(Totals totals) => JsonSerializer.Serialize(totals, StateJson.Options);
}
