namespace Coverage.Silo.Runtime;

/// <summary>A call someone waits for, as opposed to the runtime's own turns (timers, collection).</summary>
internal abstract class GrainCallBase : WorkItem
{
    public abstract string Method { get; }

    public override bool IsCall => true;
}
