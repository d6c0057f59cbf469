using System.Data.Common;
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

    public Task AppendAsync(AuditRecord record) => committer.WriteAsync(StatementFor(record));

    /// <summary>The entry as a companion of the grain state write it records, so both commit together.</summary>
    public WriteCompanion CompanionOf(string stateName, string grainKey, AuditRecord record) => new(stateName, grainKey, StatementFor(record));

    /// <summary>The entry as a statement, for a write that commits it with others.</summary>
    public Statement StatementFor(AuditRecord record) =>
        new(_insertOne, clock.GetUtcNow(), record.KeyId, record.KeyOrgCode, record.OrgCode, record.Action, record.PayloadJson) { Bulk = InsertMany };

    /// <summary>Entries after the cursor whose org passes the filter, oldest first; scans forward in chunks until the page is full.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(long after, int limit, Func<string, bool> includes, CancellationToken cancellationToken)
    {
        var page = new List<AuditEntry>(limit);
        await using var connection = await database.OpenAsync(cancellationToken);
        while (page.Count < limit)
        {
            var chunk = await ReadChunkAsync(connection, after, cancellationToken);
            page.AddRange(chunk.Where(e => includes(e.OrgCode)).Take(limit - page.Count));
            if (chunk.Count < ScanChunk)
                break;
            after = chunk[^1].Id;
        }
        return page;
    }

    private static async Task<List<AuditEntry>> ReadChunkAsync(DbConnection connection, long after, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, at, key_id, key_org_code, org_code, action, payload FROM audit_log WHERE id > @after ORDER BY id LIMIT {ScanChunk}";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@after";
        parameter.Value = after;
        command.Parameters.Add(parameter);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            using var payload = JsonDocument.Parse(reader.GetString(6));
            entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), payload.RootElement.Clone()));
        }
        return entries;
    }
}
