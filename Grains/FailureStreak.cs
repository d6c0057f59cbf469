using Microsoft.Extensions.Logging;

namespace Coverage.Grains;

/// <summary>
/// A failure retried every second warns once, at the start of its streak, and logs each retry only at debug, so an outage
/// does not log one warning a second for every grain it touches.
/// </summary>
internal sealed class FailureStreak
{
    private bool _running;

    /// <summary>The level to log this failure at.</summary>
    public LogLevel Failed()
    {
        var level = _running ? LogLevel.Debug : LogLevel.Warning;
        _running = true;
        return level;
    }

    public void Ended() => _running = false;
}
