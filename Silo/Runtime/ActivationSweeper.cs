using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coverage.Silo.Runtime;

/// <summary>Periodically fails overdue calls and collects idle activations; on stop, writes every activation's state.</summary>
internal sealed class ActivationSweeper(GrainRuntime runtime, IOptions<GrainRuntimeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.Value.SweepInterval);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
                runtime.Sweep();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await runtime.DeactivateAllAsync();
    }
}
