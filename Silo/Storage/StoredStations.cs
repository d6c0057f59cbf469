using Coverage.Grains;
using Dapper;

namespace Coverage.Silo.Storage;

/// <summary>Stations as stored rather than as their orgs' roll-ups count them: a station's report to its org may still be on its way.</summary>
public sealed class StoredStations(Database database)
{
    /// <summary>How many registered stations name the org as theirs; reads every station's row, so it is for rare checks only.</summary>
    public async Task<int> CountOfAsync(string orgCode)
    {
        await using var connection = await database.OpenAsync();
        return (int)await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM grain_state WHERE state_name = @name AND {database.Dialect.JsonText("payload", "info", "orgCode")} = @orgCode",
            new { name = IStationGrain.StateName, orgCode });
    }
}
