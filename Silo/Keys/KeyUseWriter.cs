using Coverage.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Keys;

/// <summary>Writes when keys were last used every half minute and on stop; a failed write is tried again with the next.</summary>
internal sealed class KeyUseWriter(ApiKeyStore keys, StorageOutageLog outage, ILogger<KeyUseWriter> logger) : PeriodicWriter
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override Task WaitAsync(CancellationToken stoppingToken) => Task.Delay(Interval, stoppingToken);

    protected override async Task WriteAsync()
    {
        try
        {
            await keys.WriteUsesAsync();
        }
        catch (StorageUnavailableException error)
        {
            outage.Failed(error);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Writing when keys were last used failed; it is tried again in {Interval}", Interval);
        }
    }
}
