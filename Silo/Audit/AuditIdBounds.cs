using System.Data.Common;
using Coverage.Silo.Storage;

namespace Coverage.Silo.Audit;

/// <summary>
/// The ids between which entries of a time range lie, found by bisecting the log on its primary key, so that a read of
/// one day of a long log scans that day instead of the log and no write pays for an index on time. An entry's time is
/// taken as its request is handled and its id as it commits, so times run out of id order by at most the longest a write
/// waits to commit, seconds even for a batch of 10,000 (a grain call gives up after 30 s); <see cref="Slack"/> covers that
/// many times over, and clock corrections.
/// </summary>
internal static class AuditIdBounds
{
    public static readonly TimeSpan Slack = TimeSpan.FromHours(1);

    /// <summary>
    /// An id at or below which no entry is from <paramref name="from"/> or later: the last entry older than it by the
    /// slack, or <paramref name="floor"/>, below which the read does not go anyway, when none above it is.
    /// </summary>
    public static async Task<long> BelowAsync(DbConnection connection, DateTimeOffset from, long floor, long last, CancellationToken cancellationToken)
    {
        var before = from - Slack;
        var (low, high) = (floor, last + 1);
        await using var probe = Probe(connection, "id >= @a AND id < @b ORDER BY id");
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (await ReadAsync(probe, middle, high, cancellationToken) is { } entry && entry.At < before)
                low = entry.Id;
            else
                high = middle;
        }
        return low;
    }

    /// <summary>
    /// An id at or above which no entry is from <paramref name="to"/> or earlier: the first entry below
    /// <paramref name="ceiling"/>, above which the read does not go anyway, newer than it by the slack; none when the
    /// newest there is not, as for a range that reaches today.
    /// </summary>
    public static async Task<long> AboveAsync(DbConnection connection, DateTimeOffset to, long ceiling, CancellationToken cancellationToken)
    {
        var after = to + Slack;
        await using var probe = Probe(connection, "id > @a AND id <= @b ORDER BY id DESC");
        if (await ReadAsync(probe, 0, ceiling - 1, cancellationToken) is not { } newest || newest.At <= after)
            return long.MaxValue;
        var (low, high) = (0L, newest.Id);
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (await ReadAsync(probe, low, middle, cancellationToken) is { } entry && entry.At > after)
                high = entry.Id;
            else
                low = middle;
        }
        return high;
    }

    /// <summary>The newest entry's id, 0 for an empty log.</summary>
    public static async Task<long> LastIdAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(id) FROM audit_log";
        // An empty log answers NULL.
        return await command.ExecuteScalarAsync(cancellationToken) is { } max and not DBNull ? Convert.ToInt64(max) : 0;
    }

    private static DbCommand Probe(DbConnection connection, string range)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, at FROM audit_log WHERE {range} LIMIT 1";
        command.AddParameter("@a");
        command.AddParameter("@b");
        return command;
    }

    private static async Task<(long Id, DateTimeOffset At)?> ReadAsync(DbCommand probe, long a, long b, CancellationToken cancellationToken)
    {
        probe.Parameters["@a"].Value = a;
        probe.Parameters["@b"].Value = b;
        await using var reader = await probe.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }
}
