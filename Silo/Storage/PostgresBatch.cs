using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Coverage.Silo.Storage;

/// <summary>
/// Writes a commit's statements to PostgreSQL. Statements of one SQL text that have a <see cref="BulkForm"/> go as one
/// statement over arrays. When every companion can ride inside its mains' statement, the whole commit is one batch in
/// the implicit transaction PostgreSQL gives a batch: one round trip, committed when it answers. Otherwise it takes two
/// round trips in the caller's transaction: first every main statement, then the companions of those that touched a row,
/// so a refused write leaves its companion out without sinking the batch.
/// </summary>
internal sealed partial class PostgresBatch
{
    private readonly Dictionary<string, string> _positional = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Sql, int Offset), string> _shifted = [];

    /// <summary>Runs and commits the writes in one round trip; false, having sent nothing, when a companion cannot ride along.</summary>
    public async Task<bool> TryRunAtOnceAsync(NpgsqlConnection connection, IReadOnlyList<StatementWrite> writes)
    {
        var mains = writes.Select(w => w.Statement).ToList();
        if (Parts(mains, writes.Select(w => w.Companion).ToList()) is not { } parts)
            return false;
        var touched = await ExecuteAsync(connection, null, parts, mains.Count);
        for (var i = 0; i < writes.Count; i++)
            writes[i].RowsAffected = touched[i];
        return true;
    }

    public async Task RunAsync(NpgsqlConnection connection, IReadOnlyList<StatementWrite> writes, NpgsqlTransaction transaction)
    {
        var mains = writes.Select(w => w.Statement).ToList();
        var touched = await ExecuteAsync(connection, transaction, Parts(mains, null)!, mains.Count);
        var companions = new List<Statement>();
        for (var i = 0; i < writes.Count; i++)
        {
            writes[i].RowsAffected = touched[i];
            if (touched[i] > 0 && writes[i].Companion is { } companion)
                companions.Add(companion);
        }
        if (companions.Count > 0)
            await ExecuteAsync(connection, transaction, Parts(companions, null)!, companions.Count);
    }

    /// <summary>
    /// The commands for <paramref name="statements"/>; a group with <paramref name="companions"/> becomes one statement that
    /// writes them too. Null when a companion has no form to ride in.
    /// </summary>
    private List<Part>? Parts(List<Statement> statements, List<Statement?>? companions)
    {
        var parts = new List<Part>();
        foreach (var group in Enumerable.Range(0, statements.Count).GroupBy(i => statements[i].Sql, StringComparer.Ordinal))
        {
            var rows = group.ToArray();
            var bulk = statements[rows[0]].Bulk;
            if (companions is not null && rows.Any(i => companions[i] is not null))
            {
                if (bulk is not { TouchesEveryRow: false } || WithCompanions(statements, companions, rows, bulk) is not { } command)
                    return null;
                parts.Add(new Part(command, rows, bulk));
            }
            else if (rows.Length > 1 && bulk is not null && Columns(statements, rows) is { } columns)
                parts.Add(new Part(CommandFor(bulk.Sql, columns), rows, bulk));
            else
                parts.AddRange(rows.Select(i => new Part(CommandFor(statements[i].Sql, statements[i].Values), [i], null)));
        }
        return parts;
    }

    /// <summary>
    /// <c>WITH touched AS (mains), c0 AS (companions) … SELECT n FROM touched</c>: PostgreSQL runs every data-modifying
    /// part once, and the companions see which mains touched a row through <c>touched</c>.
    /// </summary>
    private NpgsqlBatchCommand? WithCompanions(List<Statement> statements, List<Statement?> companions, int[] rows, BulkForm bulk)
    {
        if (Columns(statements, rows) is not { } columns)
            return null;
        var sql = new StringBuilder("WITH touched AS (").Append(bulk.Sql).Append(')');
        var values = new List<object>(columns);
        var riding = Enumerable.Range(0, rows.Length).Where(r => companions[rows[r]] is not null);
        foreach (var group in riding.GroupBy(r => companions[rows[r]]!.Sql, StringComparer.Ordinal))
        {
            var own = group.Select(r => companions[rows[r]]!).ToList();
            if (own[0].Bulk?.WhenTouched is not { } form || Columns(own, [.. Enumerable.Range(0, own.Count)]) is not { } companionColumns)
                return null;
            sql.Append(", c").Append(values.Count).Append(" AS (").Append(Shifted(form, values.Count)).Append(')');
            values.AddRange(companionColumns);
            values.Add(group.Select(r => (long)r + 1).ToArray());
        }
        return CommandFor(sql.Append(" SELECT n FROM touched").ToString(), [.. values]);
    }

    /// <summary>Runs the parts in one round trip and answers how many rows each statement touched.</summary>
    private static async Task<int[]> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, List<Part> parts, int count)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var part in parts)
            batch.BatchCommands.Add(part.Command);
        var touched = new int[count];
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

    /// <summary>The text with @p0, @p1 … numbered from <paramref name="offset"/>, to follow another statement's parameters.</summary>
    private string Shifted(string sql, int offset)
    {
        if (!_shifted.TryGetValue((sql, offset), out var shifted))
            _shifted[(sql, offset)] = shifted = NamedParameter().Replace(sql, m => $"@p{int.Parse(m.Groups[1].ValueSpan) + offset}");
        return shifted;
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
