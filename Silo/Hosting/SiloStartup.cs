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
        await recovery.RecoverAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
