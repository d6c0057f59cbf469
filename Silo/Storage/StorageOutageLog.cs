using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Storage;

/// <summary>
/// Tells the operator of a storage outage in a few lines rather than a stack trace per refused request: its cause as it
/// starts, how many requests and background writes it failed at most every <see cref="SummaryEvery"/> while it lasts, and
/// its end, at the first write that commits (reads can come back before writes do, as on a full disk).
/// </summary>
public sealed class StorageOutageLog(TimeProvider clock, ILogger<StorageOutageLog> logger)
{
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private volatile bool _down;
    private long _startedAt;
    private long _summedUpAt;
    private int _failures;
    private int _failuresSinceSummary;

    /// <summary>A request or a background write failed because storage did not answer or refused it.</summary>
    public void Failed(Exception error)
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _failures++;
            if (!_down)
            {
                (_down, _startedAt, _summedUpAt, _failuresSinceSummary) = (true, now, now, 0);
                logger.LogWarning(error, "Storage is unavailable: what needs it fails (requests with 503) until it answers again. " +
                    "Further failures are counted and summed up here every {Seconds} s", SummaryEvery.TotalSeconds);
                return;
            }
            _failuresSinceSummary++;
            if (clock.GetElapsedTime(_summedUpAt, now) < SummaryEvery)
                return;
            logger.LogWarning("Storage still unavailable after {Elapsed:hh\\:mm\\:ss}: {Count} more requests and background writes failed, the latest with: {Message}",
                clock.GetElapsedTime(_startedAt, now), _failuresSinceSummary, error.Message);
            (_summedUpAt, _failuresSinceSummary) = (now, 0);
        }
    }

    /// <summary>A write committed; ends an outage, if one was under way. Cheap when none was, as on every commit.</summary>
    public void Succeeded()
    {
        if (!_down)
            return;
        lock (_gate)
        {
            if (!_down)
                return;
            logger.LogInformation("Storage answers again after {Elapsed:hh\\:mm\\:ss}; {Count} requests and background writes failed meanwhile",
                clock.GetElapsedTime(_startedAt), _failures);
            (_down, _failures) = (false, 0);
        }
    }
}
