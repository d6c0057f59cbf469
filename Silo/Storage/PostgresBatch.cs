using System.Text.RegularExpressions;
using Npgsql;

namespace Coverage.Silo.Storage;

/// <summary>
/// Writes a commit's statements to PostgreSQL in two round trips: first every main statement, then the companions of
/// those that touched a row, so a refused write leaves its companion out without sinking the batch. Statements of one
/// SQL text that have a <see cref="BulkForm"/> go as one statement over arrays.
/// </summary>
internal sealed partial class PostgresBatch
{
    private readonly Dictionary<string, string> _positional = new(StringComparer.Ordinal);

    public async Task RunAsync(NpgsqlConnection connection, IReadOnlyList<StatementWrite> writes, NpgsqlTransaction transaction)
    {
        var touched = await RunRoundAsync(connection, transaction, writes.Select(w => w.Statement).ToList());
        var companions = new List<Statement>();
        for (var i = 0; i < writes.Count; i++)
        {
            writes[i].RowsAffected = touched[i];
            if (touched[i] > 0 && writes[i].Companion is { } companion)
                companions.Add(companion);
        }
        if (companions.Count > 0)
            await RunRoundAsync(connection, transaction, companions);
    }

    /// <summary>Runs the statements in one round trip and answers how many rows each touched.</summary>
    private async Task<int[]> RunRoundAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Statement> statements)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var parts = new List<Part>();
        foreach (var group in Enumerable.Range(0, statements.Count).GroupBy(i => statements[i].Sql, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            if (rows.Length > 1 && statements[rows[0]].Bulk is { } bulk && Columns(statements, rows) is { } columns)
                parts.Add(new Part(CommandFor(bulk.Sql, columns), rows, bulk));
            else
                parts.AddRange(rows.Select(i => new Part(CommandFor(statements[i].Sql, statements[i].Values), [i], null)));
        }
        foreach (var part in parts)
            batch.BatchCommands.Add(part.Command);
        var touched = new int[statements.Count];
        await using (var reader = await batch.ExecuteReaderAsync())
        {
            using var returning = parts.Where(p => p.Bulk is { TouchesEveryRow: false }).GetEnumerator();
            do
            {
                if (reader.FieldCount == 0 || !returning.MoveNext())
                    continue;
                while (await reader.ReadAsync())
                    touched[returning.Current.Rows[reader.GetInt64(0) - 1]] = 1;
            }
            while (await reader.NextResultAsync());
        }
        foreach (var part in parts.Where(p => p.Bulk is not { TouchesEveryRow: false }))
        {
            foreach (var row in part.Rows)
                touched[row] = part.Bulk is null ? (int)part.Command.Rows : 1;
        }
        return touched;
    }

    /// <summary>One typed array per parameter; null when a value is missing or the rows disagree on a type.</summary>
    private static object[]? Columns(List<Statement> statements, int[] rows)
    {
        var first = statements[rows[0]].Values;
        var columns = new object[first.Length];
        for (var p = 0; p < first.Length; p++)
        {
            if (first[p]?.GetType() is not { } type)
                return null;
            var column = Array.CreateInstance(type, rows.Length);
            for (var r = 0; r < rows.Length; r++)
            {
                var values = statements[rows[r]].Values;
                if (values.Length != first.Length || values[p]?.GetType() != type)
                    return null;
                column.SetValue(values[p], r);
            }
            columns[p] = column;
        }
        return columns;
    }

    /// <summary>
    /// With $1, $2 … and unnamed parameters Npgsql sends the text as it is; named ones make it parse and rewrite every
    /// statement of every commit.
    /// </summary>
    private NpgsqlBatchCommand CommandFor(string sql, object?[] values)
    {
        if (!_positional.TryGetValue(sql, out var positional))
            _positional[sql] = positional = NamedParameter().Replace(sql, m => $"${int.Parse(m.Groups[1].ValueSpan) + 1}");
        var command = new NpgsqlBatchCommand(positional);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    [GeneratedRegex(@"@p(\d+)\b")]
    private static partial Regex NamedParameter();

    private sealed record Part(NpgsqlBatchCommand Command, int[] Rows, BulkForm? Bulk);
}
