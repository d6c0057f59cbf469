using Coverage.Runtime;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Rollup;
using Coverage.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Hosting;

/// <summary>
/// Brings storage and the tree up before anything serves: schema, registered orgs, then roll-up recovery.
/// Hosted services start in order and the web server only listens after them, so no grain runs on a half-ready store.
/// </summary>
internal sealed class SiloStartup(Database database, SchemaMigrator migrator, OrgRegistry registry, RollupRecovery recovery,
    OrgDirectory directory, ILogger<SiloStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Storage: {Database}", database.Describe());
        await migrator.MigrateAsync(cancellationToken);
        await registry.LoadAsync();
        logger.LogInformation("Union tree: {Count} orgs ({Source} plus registered orgs)", directory.Count, directory.Source);
        try
        {
            await recovery.RecoverAsync();
        }
        catch (InconsistentStateException conflict)
        {
            throw new InvalidOperationException(
                $"Org state changed while roll-up recovery ran, so another Coverage process is writing to {database.Describe()}. " +
                "Stop that process, or give this one its own database (Storage:SqlitePath or ConnectionStrings:Coverage): one process owns a database.",
                conflict);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
