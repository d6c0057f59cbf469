using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Dapper;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// Records in the database itself that it holds demo data, so the demo never writes into a database with real data
/// and an interrupted seed is resumed rather than mistaken for real data.
/// </summary>
public sealed class DemoMarker(IGrainStateStore store, Database database)
{
    private const string StateName = "demo";
    private const string Key = "marker";

    public async Task<string?> ReadAsync() => (await store.ReadAsync(StateName, Key))?.Payload;

    public async Task<bool> DatabaseIsEmptyAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM grain_state) + (SELECT COUNT(*) FROM orgs)") == 0;
    }

    public async Task WriteAsync(string phase)
    {
        var stored = await store.ReadAsync(StateName, Key);
        await store.WriteAsync(StateName, Key, $$"""{"phase":"{{phase}}"}""", stored?.Version ?? 0);
    }
}
