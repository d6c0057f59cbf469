using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Silo.History;

/// <summary>
/// Every org's totals per day (China Standard Time), one row per org and day holding the day's last value,
/// stored as totals JSON so any measure can be computed later.
/// </summary>
public sealed class OrgHistory(Database database, GroupCommitter committer, HistoryBuffer buffer, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(string Code, int Year), Totals> _baselines = new();

    /// <summary>Orgs whose year has no point before the day held here: until that day ends nothing is gained yet.</summary>
    private readonly ConcurrentDictionary<(string Code, int Year), DateOnly> _noBaselineBefore = new();

    /// <summary>
    /// Bulk-writes history points (for example a year of demo history) in one transaction; a later point for the same
    /// org and day replaces an earlier one. Station visit windows are computed as of each point's day.
    /// </summary>
    public async Task<int> WriteAsync(IEnumerable<(string Code, DateOnly Day, Aggregate Totals)> points)
    {
        var rows = points.GroupBy(p => (p.Code, p.Day)).Select(g => (g.Key.Code, g.Key.Day, g.Last().Totals.ToTotals(g.Key.Day))).ToList();
        await UpsertAsync(rows);
        _baselines.Clear();
        _noBaselineBefore.Clear();
        return rows.Count;
    }

    /// <summary>
    /// Deregistered orgs, whose rows their deregistration deleted: their unwritten points and baselines go too, so a code
    /// registered again starts without a past.
    /// </summary>
    public void Forget(IReadOnlyCollection<string> codes)
    {
        buffer.Drop(codes);
        foreach (var key in _baselines.Keys.Concat(_noBaselineBefore.Keys).Where(key => codes.Contains(key.Code)).ToList())
        {
            _baselines.TryRemove(key, out _);
            _noBaselineBefore.TryRemove(key, out _);
        }
    }

    internal Task UpsertAsync(IReadOnlyList<(string Code, DateOnly Day, Totals Totals)> rows)
    {
        var recordedAt = clock.GetUtcNow();
        return committer.WriteAsync(async (connection, transaction) =>
        {
            await HistoryUpsert.RunAsync(connection, transaction, database.Dialect, rows, recordedAt);
            return rows.Count;
        });
    }

    /// <summary>Points wait in the buffer only until the next flush; a month covers any outage the flusher is still retrying.</summary>
    private const int UnwrittenDaysLookedAt = 31;

    /// <summary>
    /// Points from <paramref name="from"/> to <paramref name="to"/>, preceded by the last point before them, oldest first;
    /// points not yet written count too, the one carried forward from before <paramref name="from"/> included.
    /// </summary>
    public async Task<IReadOnlyList<DailyTotals>> ReadAsync(string code, DateOnly from, DateOnly to) =>
        (await ReadManyAsync([code], from, to))[code];

    /// <summary>The points of each of the orgs (distinct codes) as <see cref="ReadAsync"/> reads one org's, in two queries.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DailyTotals>>> ReadManyAsync(IReadOnlyCollection<string> codes, DateOnly from, DateOnly to)
    {
        // The buffer is read before the database: a flush commits before the buffer forgets, so no point falls between them.
        var points = codes.ToDictionary(code => code, code => buffer.PendingFor(code, from.AddDays(-UnwrittenDaysLookedAt), to)
            .ToDictionary(p => p.Day, p => p.Totals), StringComparer.Ordinal);
        var inCodes = database.Dialect.IsOneOf("code", "@codes");
        var parameters = new { codes = database.Dialect.TextList(codes), from = Key(from), to = Key(to) };
        await using var connection = await database.OpenAsync();
        var before = await connection.QueryAsync<(string Code, string Day, string Totals)>(
            "SELECT h.code, h.day, h.totals FROM org_history h JOIN " +
            $"(SELECT code, MAX(day) AS day FROM org_history WHERE {inCodes} AND day < @from GROUP BY code) l ON h.code = l.code AND h.day = l.day",
            parameters);
        var within = await connection.QueryAsync<(string Code, string Day, string Totals)>(
            $"SELECT code, day, totals FROM org_history WHERE {inCodes} AND day >= @from AND day <= @to", parameters);
        // An unwritten point is newer than the stored one of its day.
        foreach (var row in before.Concat(within))
            points[row.Code].TryAdd(Aggregate.DateOf(row.Day), Parse(row.Totals));
        return points.ToDictionary(p => p.Key, p => From(p.Value, from), StringComparer.Ordinal);
    }

    /// <summary>The points from <paramref name="from"/> on, after the latest one before it, oldest first.</summary>
    private static IReadOnlyList<DailyTotals> From(Dictionary<DateOnly, Totals> points, DateOnly from)
    {
        var carried = points.Keys.Where(day => day < from).DefaultIfEmpty(DateOnly.MinValue).Max();
        return points.Where(p => p.Key >= from || p.Key == carried).OrderBy(p => p.Key).Select(p => new DailyTotals(p.Key, p.Value)).ToList();
    }

    /// <summary>
    /// The totals a year's gains are counted from: the last point of the previous year, else the first point of the year;
    /// null when that point is today's, which is the live value itself, or the org has no history yet. Cached once it can
    /// no longer change, and "none before today" until the day ends, so summaries do not query the database on every read.
    /// </summary>
    public async Task<Totals?> BaselineAsync(string code, int year)
    {
        if (_baselines.TryGetValue((code, year), out var cached))
            return cached;
        var today = ChinaClock.Today(clock);
        if (_noBaselineBefore.TryGetValue((code, year), out var checkedOn) && checkedOn == today)
            return null;
        var yearStart = new DateOnly(year, 1, 1);
        // The buffer is read before the database: a flush commits before the buffer forgets, so no point falls between them.
        var pendingBefore = buffer.PendingFor(code, yearStart.AddYears(-1), yearStart.AddDays(-1)).LastOrDefault();
        var pendingWithin = buffer.PendingFor(code, yearStart, today).FirstOrDefault();
        await using var connection = await database.OpenAsync();
        var storedBefore = await PointAsync(connection, code, "day < @yearStart ORDER BY day DESC", yearStart);
        if (Later(storedBefore, pendingBefore) is { } previous)
            return _baselines[(code, year)] = previous.Totals;
        var storedWithin = await PointAsync(connection, code, "day >= @yearStart ORDER BY day", yearStart);
        if (Earlier(storedWithin, pendingWithin) is { } first && first.Day < today)
            return _baselines[(code, year)] = first.Totals;
        _noBaselineBefore[(code, year)] = today;
        return null;
    }

    private static async Task<DailyTotals?> PointAsync(DbConnection connection, string code, string condition, DateOnly yearStart) =>
        (await connection.QueryAsync<(string Day, string Totals)>(
            $"SELECT day, totals FROM org_history WHERE code = @code AND {condition} LIMIT 1", new { code, yearStart = Key(yearStart) }))
        .Select(r => new DailyTotals(Aggregate.DateOf(r.Day), Parse(r.Totals)))
        .FirstOrDefault();

    /// <summary>Of a stored and an unwritten point, the later day; on the same day the unwritten one, which is newer.</summary>
    private static DailyTotals? Later(DailyTotals? stored, DailyTotals? pending) =>
        stored is null || (pending is not null && pending.Day >= stored.Day) ? pending : stored;

    private static DailyTotals? Earlier(DailyTotals? stored, DailyTotals? pending) =>
        stored is null || (pending is not null && pending.Day <= stored.Day) ? pending : stored;

    private static string Key(DateOnly day) => Aggregate.Day(day);


    private static Totals Parse(string json) => JsonSerializer.Deserialize<Totals>(json, StateJson.Options)!;
}
