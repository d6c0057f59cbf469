namespace Coverage.Silo.Runtime;

/// <summary>Collects an activation, as a turn so it cannot overlap a call; idle-only unless forced by shutdown.</summary>
internal sealed class Deactivation(bool onlyIfIdle) : WorkItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Done => _done.Task;

    public override async Task ExecuteAsync(GrainActivation activation)
    {
        try
        {
            await activation.DeactivateAsync(onlyIfIdle);
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
