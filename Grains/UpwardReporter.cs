using Coverage.Runtime;
using Microsoft.Extensions.Logging;

namespace Coverage.Grains;

/// <summary>
/// Sends a grain's latest totals to the org above it at once, without holding the turn, and again from a timer turn
/// until one report is known to have arrived; reports carry versions, so the repeats are harmless.
/// </summary>
internal sealed class UpwardReporter(IGrainContext context, Func<Task> writeState, ILogger logger)
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);
    private IDisposable? _timer;
    private Func<Task>? _pending;
    private bool _dirty;

    /// <summary>
    /// Reports now; unless the report arrived before this returns (the parent was idle and took it at once), schedules a
    /// confirming report. <paramref name="persistLater"/> marks state to write behind.
    /// </summary>
    public void Report(Func<Task> report, bool persistLater)
    {
        var sent = report();
        if (sent.IsCompletedSuccessfully)
            _pending = null;
        else
        {
            _pending = report;
            sent.ContinueWith(t => logger.LogWarning(t.Exception, "Report from {Grain} did not arrive; it is retried", context.Key),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        if (persistLater)
            PersistLater();
        else if (_pending is not null)
            _timer ??= context.RegisterTimer(FlushAsync, Delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Marks state to be written by the next timer turn.</summary>
    public void PersistLater()
    {
        _dirty = true;
        _timer ??= context.RegisterTimer(FlushAsync, Delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes what is pending; called on deactivation too so nothing waits on a timer that is gone.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        _timer = null;
        try
        {
            if (_dirty)
            {
                await writeState();
                _dirty = false;
            }
            if (_pending is { } report)
            {
                await report();
                _pending = null;
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Write-behind of {Grain} failed; retrying", context.Key);
            _timer = context.RegisterTimer(FlushAsync, Delay, Timeout.InfiniteTimeSpan);
        }
    }
}
