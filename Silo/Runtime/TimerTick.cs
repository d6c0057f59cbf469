namespace Coverage.Silo.Runtime;

/// <summary>A timer's callback, run as a turn of its activation.</summary>
internal sealed class TimerTick(GrainTimer timer) : WorkItem
{
    public override Task ExecuteAsync(GrainActivation activation) => timer.RunAsync();

    /// <summary>Timers die with their activation.</summary>
    public override void Reroute(GrainRuntime runtime, GrainId id)
    {
    }
}
