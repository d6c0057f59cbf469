using Microsoft.Extensions.Hosting;

namespace Coverage.Silo.Storage;

/// <summary>Writes out what is held in memory each time it wakes and once more on stop; subclasses decide when it wakes.</summary>
internal abstract class PeriodicWriter : BackgroundService
{
    protected abstract Task WaitAsync(CancellationToken stoppingToken);

    /// <summary>Logs rather than throws: what failed stays held for the next write.</summary>
    protected abstract Task WriteAsync();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitAsync(stoppingToken);
                await WriteAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await WriteAsync();
    }
}
