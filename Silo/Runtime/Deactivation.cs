namespace Coverage.Silo.Runtime;

/// <summary>
/// Collects an activation, as a turn so it cannot overlap a call: only if no call came after <paramref name="ifNoCallAfter"/>
/// (an Environment.TickCount64 tick) and none waits, or in any case for a shutdown (null).
/// </summary>
internal sealed class Deactivation(long? ifNoCallAfter) : WorkItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public override async Task ExecuteAsync(GrainActivation activation)
    {
        try
        {
            await activation.DeactivateAsync(ifNoCallAfter);
            _done.TrySetResult();
        }
        catch (Exception error)
        {
            _done.TrySetException(error);
        }
    }

    public override void Reroute(GrainRuntime runtime, GrainId id) => _done.TrySetResult();

    /// <summary>The activation it reached could not activate, so it holds nothing to write.</summary>
    public override void Fail(Exception error) => _done.TrySetResult();
}
