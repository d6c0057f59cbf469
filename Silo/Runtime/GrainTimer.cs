using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Runtime;

/// <summary>
/// A grain timer: each tick is queued as a turn, and the next tick is armed only after that turn ends,
/// so a slow callback can neither overlap itself nor any call. A timer without a period is done after its tick.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private readonly Timer _timer;
    private volatile bool _disposed;

    public GrainTimer(GrainActivation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, ILogger logger)
    {
        _activation = activation;
        _callback = callback;
        _period = period;
        _logger = logger;
        _timer = new Timer(static self => ((GrainTimer)self!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    public async Task RunAsync()
    {
        if (_disposed)
            return;
        try
        {
            await _callback(CancellationToken.None);
        }
        catch (Exception error)
        {
            _logger.LogError(error, "Timer of {Grain} failed", _activation.Id);
        }
        if (_period == Timeout.InfiniteTimeSpan)
            Dispose();
        else if (!_disposed)
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _activation.Forget(this);
    }

    private void Fire()
    {
        if (!_disposed)
            _activation.Post(new TimerTick(this));
    }
}
