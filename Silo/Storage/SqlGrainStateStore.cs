using Coverage.Runtime;
using Coverage.Silo.Runtime;
using Dapper;

namespace Coverage.Silo.Storage;

/// <summary>Grain state in the grain_state table; writes go through the group committer and carry the version they replace.</summary>
public sealed class SqlGrainStateStore(Database database, GroupCommitter committer, TimeProvider clock) : IGrainStateStore
{
    public async Task<StoredState?> ReadAsync(string stateName, string key)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredState>(
            "SELECT grain_key AS Key, payload AS Payload, version AS Version FROM grain_state WHERE state_name = @stateName AND grain_key = @key",
            new { stateName, key });
    }

    public async Task<IReadOnlyList<StoredState>> ReadAllAsync(string stateName)
    {
        await using var connection = await database.OpenAsync();
        var rows = await connection.QueryAsync<StoredState>(
            "SELECT grain_key AS Key, payload AS Payload, version AS Version FROM grain_state WHERE state_name = @stateName",
            new { stateName });
        return rows.AsList();
    }

    public async Task<long> WriteAsync(string stateName, string key, string payload, long expectedVersion)
    {
        var updatedAt = clock.GetUtcNow();
        var stored = await committer.WriteAsync(async (connection, transaction) =>
        {
            var written = expectedVersion == 0
                ? await connection.ExecuteAsync(
                    """
                    INSERT INTO grain_state (state_name, grain_key, version, payload, updated_at)
                    VALUES (@stateName, @key, 1, @payload, @updatedAt)
                    ON CONFLICT (state_name, grain_key) DO NOTHING
                    """,
                    new { stateName, key, payload, updatedAt }, transaction)
                : await connection.ExecuteAsync(
                    """
                    UPDATE grain_state SET version = version + 1, payload = @payload, updated_at = @updatedAt
                    WHERE state_name = @stateName AND grain_key = @key AND version = @expectedVersion
                    """,
                    new { stateName, key, payload, updatedAt, expectedVersion }, transaction);
            return written == 1
                ? (Ok: true, Version: (long?)expectedVersion + 1)
                : (Ok: false, Version: await connection.QuerySingleOrDefaultAsync<long?>(
                    "SELECT version FROM grain_state WHERE state_name = @stateName AND grain_key = @key", new { stateName, key }, transaction));
        });
        return stored.Ok ? stored.Version!.Value : throw new InconsistentStateException(stateName, key, expectedVersion, stored.Version);
    }
}
