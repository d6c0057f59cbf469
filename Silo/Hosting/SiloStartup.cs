using System.Diagnostics;
using Coverage.Runtime;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Rollup;
using Coverage.Silo.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Hosting;

/// <summary>
/// Brings storage and the tree up before anything serves: the writer claim, schema, registered orgs, then roll-up recovery.
/// Hosted services start in order and the web server only listens after them, so no grain runs on a half-ready store.
/// </summary>
internal sealed class SiloStartup(Database database, GroupCommitter committer, SchemaMigrator migrator, OrgRegistry registry,
    RollupRecovery recovery, OrgDirectory directory, ILogger<SiloStartup> logger) : IHostedService
{
    /// <summary>How long a start waits for a process that ended a moment ago to be seen gone by the database server.</summary>
    private static readonly TimeSpan ClaimPatience = TimeSpan.FromSeconds(5);

    /// <summary>Orgs above which the memory recovery used is worth a full collection's pause (about a second at 300,000).</summary>
    private const int LargeTree = 50_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Storage: {Database}", database.Describe());
        await ClaimAsync(cancellationToken);
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
        // Loading the tree and recovering it allocated several times what stays: on a large tree, hand that memory back before serving.
        if (directory.Count > LargeTree)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await committer.ClaimAsync();
                return;
            }
            catch (StorageUnavailableException error) when (error.InnerException is DatabaseClaimedException && waited.Elapsed < ClaimPatience)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (StorageUnavailableException error) when (error.InnerException is DatabaseClaimedException)
            {
                throw new InvalidOperationException(error.InnerException.Message, error.InnerException);
            }
        }
    }
}
