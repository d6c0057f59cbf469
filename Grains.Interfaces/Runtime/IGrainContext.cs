namespace Coverage.Runtime;

/// <summary>What the runtime offers one activation: its key, other grains, and timers that run as turns.</summary>
public interface IGrainContext
{
    string Key { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>Runs the callback as a turn after dueTime, then every period after the previous run ended; may be called from outside a turn.</summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);
}
