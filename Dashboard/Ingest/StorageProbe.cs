using System.Data.Common;
using Coverage.Silo.Storage;

namespace Coverage.Dashboard.Ingest;

/// <summary>Asks the database for an answer before a batch takes its grains' turns, so a batch fails with 503 before anything is written.</summary>
public sealed class StorageProbe(Database database)
{
    public async Task EnsureAnsweringAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (DbException error)
        {
            throw new StorageUnavailableException($"The database is unavailable ({error.Message}); nothing was written.", error);
        }
    }
}
