using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Coverage.Silo.Storage;

namespace Coverage.Silo.Audit;

/// <summary>The append-only audit_log: accepted writes are appended through the group committer, so an entry is durable once acknowledged.</summary>
public sealed class AuditLog(Database database, GroupCommitter committer, TimeProvider clock)
{
    private const int ScanChunk = 1000;

    private readonly string _insertOne =
        $"INSERT INTO audit_log (at, key_id, key_org_code, org_code, action, payload) VALUES (@p0, @p1, @p2, @p3, @p4, {database.Dialect.JsonParameter("@p5")})";

    /// <summary>Every row's values as arrays; the forms below close the unnest with their own row columns.</summary>
    private const string InsertUnnested = """
        INSERT INTO audit_log (at, key_id, key_org_code, org_code, action, payload)
        SELECT at, key_id, key_org_code, org_code, action, CAST(payload AS JSONB)
        FROM unnest(@p0, @p1, @p2, @p3, @p4, @p5
        """;

    private static readonly BulkForm InsertMany = new(
        $"{InsertUnnested}) WITH ORDINALITY AS r(at, key_id, key_org_code, org_code, action, payload, n) ORDER BY n", TouchesEveryRow: true)
    {
        WhenTouched = $"""
            {InsertUnnested}, @p6) WITH ORDINALITY AS r(at, key_id, key_org_code, org_code, action, payload, main, n)
            WHERE r.main IN (SELECT n FROM touched) ORDER BY n
            """,
    };

    /// <summary>How many ids a read scans first; tests make it small so reads cross many windows.</summary>
    internal long FirstWindow { get; init; } = 4096;

    public Task AppendAsync(AuditRecord record) => committer.WriteAsync(StatementFor(record));

    /// <summary>The entry as a companion of the grain state write it records, so both commit together.</summary>
    public WriteCompanion CompanionOf(string stateName, string grainKey, AuditRecord record) => new(stateName, grainKey, StatementFor(record));

    /// <summary>
    /// Runs a grain's write with its entry offered to that grain's state write, so both commit together; writes the entry
    /// alone when the write's commit did not take it. A write that throws is not recorded.
    /// </summary>
    public async Task<T> RecordedAsync<T>(string stateName, string grainKey, AuditRecord record, Func<Task<T>> write)
    {
        var entry = CompanionOf(stateName, grainKey, record);
        T result;
        using (entry.Attach())
            result = await write();
        if (entry.TakeBack())
            await AppendAsync(record);
        return result;
    }

    /// <summary>The entry as a statement, for a write that commits it with others.</summary>
    public Statement StatementFor(AuditRecord record) =>
        new(_insertOne, clock.GetUtcNow(), record.KeyId, record.KeyOrgCode, record.OrgCode, record.Action, record.PayloadJson) { Bulk = InsertMany };

    /// <summary>
    /// Entries the query selects whose org passes the filter, in its order: scans from its cursor through windows of ids
    /// that double each time one comes back short, until the page is full. Bounded windows keep each read on the id key
    /// however long the log, where PostgreSQL would otherwise sort every match of a rare org for each chunk.
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(AuditQuery query, Func<string, bool> includes, CancellationToken cancellationToken)
    {
        var page = new List<AuditEntry>(query.Limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        await ScanAsync(connection, query, await StartAsync(connection, query, cancellationToken), includes, page, query.Limit, cancellationToken);
        return page;
    }

    /// <summary>
    /// Up to <paramref name="count"/> entries the query selects, as its pages would list them one after another: the range
    /// is found once, and each page is read on a connection of its own, so an export written to a slow reader holds none.
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ReadAllAsync(AuditQuery query, long count, Func<string, bool> includes,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Scan scan;
        await using (var connection = await database.OpenAsync(cancellationToken))
            scan = await StartAsync(connection, query, cancellationToken);
        while (count > 0 && !scan.Done)
        {
            var limit = (int)Math.Min(count, query.Limit);
            var page = new List<AuditEntry>(limit);
            await using (var connection = await database.OpenAsync(cancellationToken))
                scan = await ScanAsync(connection, query, scan, includes, page, limit, cancellationToken);
            foreach (var entry in page)
                yield return entry;
            count -= page.Count;
        }
    }

    /// <summary>Adds entries to the page until it holds <paramref name="limit"/> or the range is read; answers where the scan then stands.</summary>
    private async Task<Scan> ScanAsync(DbConnection connection, AuditQuery query, Scan scan, Func<string, bool> includes, List<AuditEntry> page,
        int limit, CancellationToken cancellationToken)
    {
        await using var command = ChunkCommand(connection, query);
        var (bottom, top, window) = scan;
        while (page.Count < limit && top - bottom > 1)
        {
            var (low, high) = query.NewestFirst ? (Math.Max(bottom, top - window), top) : (bottom, Math.Min(top, bottom + window));
            command.Parameters["@low"].Value = low;
            command.Parameters["@high"].Value = high;
            var (rows, lastId) = await ReadChunkAsync(command, includes, page, limit, cancellationToken);
            if (rows == ScanChunk || page.Count == limit)
            {
                (bottom, top) = query.NewestFirst ? (bottom, lastId) : (lastId, top);
                continue;
            }
            (bottom, top) = query.NewestFirst ? (bottom, low + 1) : (high - 1, top);
            window *= 2;
        }
        return new Scan(bottom, top, window);
    }

    /// <summary>
    /// The ids the read may return lie strictly between the scan's two: past the cursor, within the time range's bounds, and
    /// up to the last entry now, as later ones are the next read's. A cursor bounds the bisection on its side, so following
    /// a list asks only the few entries since its newest.
    /// </summary>
    private async Task<Scan> StartAsync(DbConnection connection, AuditQuery query, CancellationToken cancellationToken)
    {
        var last = await AuditIdBounds.LastIdAsync(connection, cancellationToken);
        var floor = query.NewestFirst ? 0 : query.Cursor;
        var ceiling = Math.Min(query.NewestFirst ? query.Cursor : long.MaxValue, last + 1);
        var bottom = query.From is { } from ? await AuditIdBounds.BelowAsync(connection, from, floor, last, cancellationToken) : floor;
        var top = query.To is { } to ? Math.Min(ceiling, await AuditIdBounds.AboveAsync(connection, to, ceiling, cancellationToken)) : ceiling;
        return new Scan(bottom, top, FirstWindow);
    }

    /// <summary>
    /// Each org named by an entry with one of <paramref name="actions"/> after entry <paramref name="afterId"/>, once, and the id
    /// to go on from. Every entry is appended through the one committer, so ids become visible in order and none is passed over.
    /// </summary>
    public async Task<(IReadOnlyList<string> OrgCodes, long LastId)> OrgsAfterAsync(long afterId, IReadOnlyCollection<string> actions,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var lastId = await AuditIdBounds.LastIdAsync(connection, cancellationToken);
        if (lastId <= afterId)
            return ([], afterId);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT DISTINCT org_code FROM audit_log WHERE id > @after AND id <= @last AND {database.Dialect.IsOneOf("action", "@actions")}";
        command.AddParameter("@after", afterId);
        command.AddParameter("@last", lastId);
        command.AddParameter("@actions", database.Dialect.TextList(actions));
        var orgs = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            orgs.Add(reader.GetString(0));
        return (orgs, lastId);
    }

    /// <summary>
    /// Orgs, key, action and time are filtered by the database, so a narrow query does not drag the whole log through here.
    /// Times are compared in UTC, as they are stored: SQLite compares its timestamp text, which orders like the instants only then.
    /// </summary>
    private DbCommand ChunkCommand(DbConnection connection, AuditQuery query)
    {
        var command = connection.CreateCommand();
        List<string> conditions = ["id > @low", "id < @high"];
        command.AddParameter("@low");
        command.AddParameter("@high");
        if (query.OrgCodes is { } orgs)
            Where(database.Dialect.IsOneOf("org_code", "@orgs"), "@orgs", database.Dialect.TextList(orgs));
        if (query.KeyId is { } keyId)
            Where("key_id = @key", "@key", keyId);
        if (query.Action is { } action)
            Where("action = @action", "@action", action);
        if (query.From is { } from)
            Where("at >= @from", "@from", from.ToUniversalTime());
        if (query.To is { } to)
            Where("at <= @to", "@to", to.ToUniversalTime());
        command.CommandText =
            $"SELECT id, at, key_id, key_org_code, org_code, action, payload FROM audit_log WHERE {string.Join(" AND ", conditions)} ORDER BY id{(query.NewestFirst ? " DESC" : "")} LIMIT {ScanChunk}";
        return command;

        void Where(string condition, string name, object value)
        {
            conditions.Add(condition);
            command.AddParameter(name, value);
        }
    }

    /// <summary>
    /// Adds the chunk's entries whose org passes the filter to the page until it is full, parsing only their payloads;
    /// answers how many rows it read and the last one's id.
    /// </summary>
    private static async Task<(int Rows, long LastId)> ReadChunkAsync(DbCommand command, Func<string, bool> includes, List<AuditEntry> page,
        int limit, CancellationToken cancellationToken)
    {
        var (rows, lastId) = (0, 0L);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (page.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            lastId = reader.GetInt64(0);
            if (!includes(reader.GetString(4)))
                continue;
            using var payload = JsonDocument.Parse(reader.GetString(6));
            page.Add(new AuditEntry(lastId, reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), payload.RootElement.Clone()));
        }
        return (rows, lastId);
    }

    /// <summary>Where a scan stands: the ids left to read lie strictly between the two, and the next window takes so many.</summary>
    private readonly record struct Scan(long Bottom, long Top, long Window)
    {
        public bool Done => Top - Bottom <= 1;
    }
}
