using Dapper;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Storage;

/// <summary>Creates the schema on an empty database and applies the steps a database has not seen yet.</summary>
public sealed class SchemaMigrator(Database database, ILogger<SchemaMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_version")).ToHashSet();
        foreach (var (version, name, sql) in Migrations.Steps.Where(s => !applied.Contains(s.Version)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync(sql(database.Dialect), transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO schema_version (version, name) VALUES (@version, @name)", new { version, name }, transaction);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Schema step {Version} applied: {Name}", version, name);
        }
    }
}
