using System.Collections.Concurrent;
using Coverage.Runtime;
using Coverage.Silo.Runtime;
using Dapper;

namespace Coverage.Silo.Storage;

/// <summary>
/// Grain state in the grain_state table; writes go through the group committer, or join the caller's write group, and carry
/// the version they replace.
/// </summary>
public sealed class SqlGrainStateStore(Database database, GroupCommitter committer, TimeProvider clock) : IGrainStateStore
{
    private const string Insert = """
        INSERT INTO grain_state (state_name, grain_key, version, payload, updated_at) VALUES (@p0, @p1, 1, @p2, @p3)
        ON CONFLICT (state_name, grain_key) DO NOTHING
        """;

    private const string Update = """
        UPDATE grain_state SET version = version + 1, payload = @p2, updated_at = @p3
        WHERE state_name = @p0 AND grain_key = @p1 AND version = @p4
        """;

    private static readonly BulkForm UpdateMany = new("""
        UPDATE grain_state AS g SET version = g.version + 1, payload = r.payload, updated_at = r.updated_at
        FROM unnest(@p0, @p1, @p2, @p3, @p4) WITH ORDINALITY AS r(state_name, grain_key, payload, updated_at, version, n)
        WHERE g.state_name = r.state_name AND g.grain_key = r.grain_key AND g.version = r.version
        RETURNING r.n
        """, TouchesEveryRow: false);

    private readonly ConcurrentDictionary<string, CoalescedReads> _reads = new(StringComparer.Ordinal);

    public Task<StoredState?> ReadAsync(string stateName, string key) =>
        _reads.GetOrAdd(stateName, static (name, store) => new CoalescedReads(name, store.ReadOneAsync, store.ReadManyAsync), this).ReadAsync(key);

    private async Task<StoredState?> ReadOneAsync(string stateName, string key)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredState>(
            "SELECT grain_key AS Key, payload AS Payload, version AS Version FROM grain_state WHERE state_name = @stateName AND grain_key = @key",
            new { stateName, key });
    }

    public async Task<IReadOnlyList<StoredState>> ReadManyAsync(string stateName, IReadOnlyCollection<string> keys)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<StoredState>(
            $"SELECT grain_key AS Key, payload AS Payload, version AS Version FROM grain_state WHERE state_name = @stateName AND {database.Dialect.IsOneOf("grain_key", "@keys")}",
            new { stateName, keys = database.Dialect.TextList(keys) });
        return rows.AsList();
    }

    public async IAsyncEnumerable<string> ReadKeysAsync(string stateName)
    {
        await using var connection = await database.OpenAsync();
        await foreach (var key in connection.QueryUnbufferedAsync<string>("SELECT grain_key FROM grain_state WHERE state_name = @stateName", new { stateName }))
            yield return key;
    }

    public async IAsyncEnumerable<StoredState> ReadAllAsync(string stateName)
    {
        await using var connection = await database.OpenAsync();
        await foreach (var row in connection.QueryUnbufferedAsync<StoredState>(
            "SELECT grain_key AS Key, payload AS Payload, version AS Version FROM grain_state WHERE state_name = @stateName", new { stateName }))
            yield return row;
    }

    public async Task<long> WriteAsync(string stateName, string key, string payload, long expectedVersion)
    {
        var updatedAt = clock.GetUtcNow();
        var statement = expectedVersion == 0
            ? new Statement(Insert, stateName, key, payload, updatedAt)
            : new Statement(Update, stateName, key, payload, updatedAt, expectedVersion) { Bulk = UpdateMany };
        var written = await (WriteGroup.TryJoin(stateName, key, statement) ?? committer.WriteAsync(statement, WriteCompanion.TakeFor(stateName, key)));
        if (written == 1)
            return expectedVersion + 1;
        var stored = await ReadAsync(stateName, key);
        throw new InconsistentStateException(stateName, key, expectedVersion, stored?.Version);
    }
}
