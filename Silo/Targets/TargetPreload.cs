using Microsoft.Extensions.Hosting;

namespace Coverage.Silo.Targets;

/// <summary>Loads every target before the app serves, so summaries never need the database to show attainment.</summary>
internal sealed class TargetPreload(TargetStore targets) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => targets.LoadedAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
