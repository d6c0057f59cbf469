namespace Coverage.Silo.Runtime;

/// <summary>One turn waiting in an activation's mailbox.</summary>
internal abstract class WorkItem
{
    public long PostedAt { get; } = Environment.TickCount64;

    /// <summary>Runs the turn; never throws, the outcome goes to whoever waits for it.</summary>
    public abstract Task ExecuteAsync(GrainActivation activation);

    /// <summary>What to do when the activation this was posted to is already gone.</summary>
    public abstract void Reroute(GrainRuntime runtime, GrainId id);

    public virtual bool IsCall => false;

    public virtual void Fail(Exception error)
    {
    }

    public virtual bool IsAbandoned => false;
}
