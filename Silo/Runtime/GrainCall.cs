namespace Coverage.Silo.Runtime;

/// <summary>A call from a grain reference: runs the method on the grain and completes the caller's task.</summary>
internal sealed class GrainCall<T>(Func<object, object?[], Task<T>> invoke, object?[] arguments, string method) : GrainCallBase
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// A queued turn starts in its caller's context, as an inline turn does, so what the caller attached for the callee (a
    /// write's audit entry, a write group) reaches it however the call ran; what the turn schedules does not inherit it.
    /// </summary>
    private readonly ExecutionContext? _callerContext = ExecutionContext.Capture();

    public Task<T> Task => _completion.Task;

    public override string Method => method;

    public override bool IsAbandoned => _completion.Task.IsCompleted;

    public override Task ExecuteAsync(GrainActivation activation)
    {
        Task<T> running;
        try
        {
            running = Start(activation.Grain);
        }
        catch (Exception error)
        {
            _completion.TrySetException(error);
            return System.Threading.Tasks.Task.CompletedTask;
        }
        if (!running.IsCompleted)
            return AwaitAsync(running);
        Complete(running);
        return System.Threading.Tasks.Task.CompletedTask;
    }

    private Task<T> Start(object grain)
    {
        if (_callerContext is null)
            return invoke(grain, arguments);
        Task<T>? running = null;
        ExecutionContext.Run(_callerContext, _ =>
        {
            using (ExecutionContext.SuppressFlow())
                running = invoke(grain, arguments);
        }, null);
        return running!;
    }

    public override void Reroute(GrainRuntime runtime, GrainId id) => runtime.Post(id, this);

    /// <summary>Takes over a turn that started on the caller's thread and went async: completes the caller when it ends.</summary>
    public Task Adopt(Task<T> running) => AwaitAsync(running);

    public override void Fail(Exception error) => _completion.TrySetException(error);

    private async Task AwaitAsync(Task<T> running)
    {
        try
        {
            await running.ConfigureAwait(false);
        }
        catch
        {
            // The outcome, exception included, is handed over by Complete.
        }
        Complete(running);
    }

    private void Complete(Task<T> finished)
    {
        if (finished.IsCompletedSuccessfully)
            _completion.TrySetResult(finished.Result);
        else if (finished.IsCanceled)
            _completion.TrySetCanceled();
        else
            _completion.TrySetException(finished.Exception!.InnerExceptions);
    }
}
