using Coverage.Silo.Storage;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.History;

/// <summary>Writes the buffered history points every two seconds, on stop, and once more when the container is disposed.</summary>
internal sealed class HistoryFlusher(HistoryBuffer buffer, OrgHistory history, StorageOutageLog outage, ILogger<HistoryFlusher> logger)
    : PeriodicWriter, IAsyncDisposable
{
    private const int RowsPerWrite = 1_000;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override Task WaitAsync(CancellationToken stoppingToken) => buffer.WaitAsync(Interval, stoppingToken);

    /// <summary>Grains deactivated on shutdown after this service stopped may still have reported changes.</summary>
    public async ValueTask DisposeAsync()
    {
        await WriteAsync();
        Dispose();
    }

    /// <summary>Writes in chunks, each its own group write, so figures acknowledged meanwhile never wait for a whole flush.</summary>
    protected override async Task WriteAsync()
    {
        foreach (var chunk in buffer.Snapshot().Chunk(RowsPerWrite))
        {
            try
            {
                await history.UpsertAsync(chunk.Select(e => (e.Key.Code, e.Key.Day, e.Value)).ToList());
                buffer.Written(chunk);
            }
            catch (StorageUnavailableException error)
            {
                outage.Failed(error);
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning(error, "Writing {Count} history points failed; they stay buffered and are retried", chunk.Length);
                return;
            }
        }
    }
}
