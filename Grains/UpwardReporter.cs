using Coverage.Runtime;
using Microsoft.Extensions.Logging;

namespace Coverage.Grains;

/// <summary>
/// Sends a grain's latest totals to the org above it at once, without holding the turn. A report that fails is sent
/// again from a timer turn a second later, unless a newer one has arrived since; reports carry versions, so repeats are
/// harmless. Only failures arm a timer, so a busy parent does not cost its children a timer for every report. State
/// marked to persist later is written a minute on: recovery rebuilds it from the children anyway, and on a day when every
/// grassroots union reports, each of 3,000 counties would otherwise rewrite all its units' totals every few seconds.
/// </summary>
internal sealed class UpwardReporter(IGrainContext context, Func<Task> writeState, ILogger logger)
{
    private static readonly TimeSpan ResendDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteBehindDelay = TimeSpan.FromSeconds(60);
    private IDisposable? _writeBehind;
    private bool _dirty;
    private readonly FailureStreak _writeBehindFailures = new();
    private readonly FailureStreak _reportFailures = new();
    private Func<Task>? _latest;
    private Task _latestSent = Task.CompletedTask;

    /// <summary>Reports now; <paramref name="persistLater"/> marks state to write behind.</summary>
    public void Report(Func<Task> report, bool persistLater)
    {
        if (_latestSent.IsCompletedSuccessfully)
            _reportFailures.Ended();
        _latest = report;
        var sent = _latestSent = report();
        if (!sent.IsCompletedSuccessfully)
            _ = ResendIfFailedAsync(sent);
        if (persistLater)
            PersistLater();
    }

    /// <summary>Marks state to be written by the next timer turn.</summary>
    public void PersistLater()
    {
        _dirty = true;
        _writeBehind ??= context.RegisterTimer(FlushAsync, WriteBehindDelay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Writes what is pending and makes sure the latest report arrived; called on deactivation too.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        _writeBehind?.Dispose();
        _writeBehind = null;
        try
        {
            if (_dirty)
            {
                await writeState();
                _dirty = false;
            }
            if (!_latestSent.IsCompletedSuccessfully && _latest is { } report)
                await (_latestSent = report());
            _writeBehindFailures.Ended();
        }
        catch (Exception error)
        {
            logger.Log(_writeBehindFailures.Failed(), error, "Write-behind of {Grain} failed; retrying every second until it succeeds", context.Key);
            _writeBehind = context.RegisterTimer(FlushAsync, ResendDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs outside the turn, so it touches no grain field: on failure it only arms a timer, whose turn resends.</summary>
    private async Task ResendIfFailedAsync(Task sent)
    {
        try
        {
            await sent;
        }
        catch (Exception error)
        {
            context.RegisterTimer(_ => ResendAsync(error), ResendDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private Task ResendAsync(Exception error)
    {
        if (_latestSent.IsCompletedSuccessfully || _latest is not { } report)
            return Task.CompletedTask;
        logger.Log(_reportFailures.Failed(), error, "Report from {Grain} did not arrive; sending it again every second until it does", context.Key);
        Report(report, persistLater: false);
        return Task.CompletedTask;
    }
}
