using System.Collections.Concurrent;
using System.Data.Common;
using Coverage.Runtime;
using Microsoft.Extensions.Logging;

namespace Coverage.Silo.Runtime;

/// <summary>
/// One live instance of a grain and its mailbox. Work items run one at a time, each to completion including its awaits,
/// so grain code never sees two turns at once. The grain and its state are created in the first turn.
/// Whoever sets <c>_scheduled</c> from 0 to 1 owns the activation until it sets it back: the drain loop, or a caller
/// running a call inline because the activation was idle.
/// </summary>
internal sealed class GrainActivation(GrainRuntime runtime, GrainId id) : IThreadPoolWorkItem, IGrainContext
{
    /// <summary>Inline calls nest when a grain calls a grain; past this depth calls queue, so the stack stays bounded.</summary>
    private const int MaxInlineDepth = 8;

    [ThreadStatic]
    private static int t_inlineDepth;

    private readonly ConcurrentQueue<WorkItem> _mailbox = new();
    private readonly List<GrainTimer> _timers = [];
    private int _scheduled;
    private object? _grain;
    private IStateLifecycle[] _states = [];
    private volatile ActivationStatus _status = ActivationStatus.Pending;
    private volatile WorkItem? _running;
    private long _runningSince;
    private long _lastCallAt = Environment.TickCount64;

    public GrainId Id => id;

    public string Key => id.Key;

    public IGrainFactory GrainFactory => runtime;

    public ActivationStatus Status => _status;

    public object Grain => _grain ?? throw new InvalidOperationException($"{id} is not active.");

    public long LastCallAt => Volatile.Read(ref _lastCallAt);

    public bool IsIdleSince(long tick) => _running is null && _mailbox.IsEmpty && LastCallAt <= tick;

    public void Post(WorkItem item)
    {
        if (item.IsCall)
            Volatile.Write(ref _lastCallAt, item.PostedAt);
        _mailbox.Enqueue(item);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>
    /// A call from a reference. When the activation is active, idle and nothing waits in its mailbox, the turn starts on
    /// the caller's thread, which saves the two thread-pool hops of a queued call; a turn that completes synchronously is
    /// over before this returns, one that awaits is handed to the drain loop, which starts on the mailbox only after it.
    /// </summary>
    public Task<T> Call<T>(Func<object, object?[], Task<T>> invoke, object?[] arguments, string method)
    {
        if (!CanRunInline() || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
        {
            var queued = new GrainCall<T>(invoke, arguments, method);
            Post(queued);
            return queued.Task;
        }
        if (_status != ActivationStatus.Active || !_mailbox.IsEmpty)
        {
            var queued = new GrainCall<T>(invoke, arguments, method);
            Volatile.Write(ref _lastCallAt, queued.PostedAt);
            _mailbox.Enqueue(queued);
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            return queued.Task;
        }
        var now = Environment.TickCount64;
        Volatile.Write(ref _lastCallAt, now);
        Volatile.Write(ref _runningSince, now);
        // The caller's execution context must not flow into what the turn schedules, as it would not for a queued turn.
        var suppressed = ExecutionContext.IsFlowSuppressed();
        var flow = suppressed ? default : ExecutionContext.SuppressFlow();
        t_inlineDepth++;
        try
        {
            var running = RunInline(invoke, arguments);
            if (running.IsCompleted)
            {
                Release();
                return running;
            }
            var call = new GrainCall<T>(invoke, arguments, method);
            _running = call;
            _ = DrainAfterAsync(call.Adopt(running));
            return call.Task;
        }
        finally
        {
            t_inlineDepth--;
            if (!suppressed)
                flow.Undo();
        }
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, runtime.Logger);
        lock (_timers)
            _timers.Add(timer);
        return timer;
    }

    public void Forget(GrainTimer timer)
    {
        lock (_timers)
            _timers.Remove(timer);
    }

    /// <summary>Fails calls that have waited or run longer than the timeout; the turn itself is left to finish.</summary>
    public void FailOverdueCalls(long postedBefore, TimeSpan timeout)
    {
        if (_running is GrainCallBase running && Volatile.Read(ref _runningSince) < postedBefore)
            running.Fail(new GrainCallTimeoutException(id.Class.Name, id.Key, running.Method, timeout));
        if (_mailbox.IsEmpty)
            return;
        foreach (var item in _mailbox)
        {
            if (item is GrainCallBase call && call.PostedAt < postedBefore)
                call.Fail(new GrainCallTimeoutException(id.Class.Name, id.Key, call.Method, timeout));
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    public async Task DeactivateAsync(long? ifNoCallAfter)
    {
        if (_status != ActivationStatus.Active || (ifNoCallAfter is { } tick && (!_mailbox.IsEmpty || LastCallAt > tick)))
            return;
        if (_grain is IGrainBase lifecycle)
            await lifecycle.OnDeactivateAsync(CancellationToken.None);
        foreach (var state in _states)
            await state.WriteStateIfChangedAsync();
        Retire();
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            while (_mailbox.TryDequeue(out var item))
            {
                if (_status == ActivationStatus.Retired)
                {
                    item.Reroute(runtime, id);
                    continue;
                }
                if (item.IsAbandoned)
                    continue;
                if (_status == ActivationStatus.Pending && !await TryActivateAsync(item))
                    continue;
                Volatile.Write(ref _runningSince, item.PostedAt);
                _running = item;
                var turn = item.ExecuteAsync(this);
                if (!turn.IsCompleted)
                    await turn.ConfigureAwait(false);
                _running = null;
            }
            Volatile.Write(ref _scheduled, 0);
            if (_mailbox.IsEmpty || Interlocked.CompareExchange(ref _scheduled, 1, 0) != 0)
                return;
        }
    }

    /// <summary>Inline only on the thread pool's own context, so grain code never resumes on a caller's scheduler.</summary>
    private static bool CanRunInline() =>
        t_inlineDepth < MaxInlineDepth && SynchronizationContext.Current is null && TaskScheduler.Current == TaskScheduler.Default;

    private Task<T> RunInline<T>(Func<object, object?[], Task<T>> invoke, object?[] arguments)
    {
        try
        {
            return invoke(Grain, arguments);
        }
        catch (Exception error)
        {
            return Task.FromException<T>(error);
        }
    }

    /// <summary>Gives up ownership after an inline turn, draining anything that was queued meanwhile.</summary>
    private void Release()
    {
        Volatile.Write(ref _scheduled, 0);
        if (!_mailbox.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    private async Task DrainAfterAsync(Task turn)
    {
        await turn.ConfigureAwait(false);
        _running = null;
        await DrainAsync();
    }

    private async Task<bool> TryActivateAsync(WorkItem trigger)
    {
        try
        {
            (_grain, _states) = id.Class.Create(runtime.Services, this, runtime.Store);
            foreach (var state in _states)
                await state.ReadStateAsync();
            if (_grain is IGrainBase lifecycle)
                await lifecycle.OnActivateAsync(CancellationToken.None);
            _status = ActivationStatus.Active;
            return true;
        }
        catch (Exception error)
        {
            // A database failure reaches the caller too, and in an outage the storage outage log counts the requests it fails.
            runtime.Logger.Log(error is DbException ? LogLevel.Debug : LogLevel.Error, error, "Activation of {Grain} failed", id);
            Retire();
            trigger.Fail(new GrainActivationException(id.Class.Name, id.Key, error));
            return false;
        }
    }

    private void Retire()
    {
        _status = ActivationStatus.Retired;
        GrainTimer[] timers;
        lock (_timers)
            timers = [.. _timers];
        foreach (var timer in timers)
            timer.Dispose();
        // References may keep a retired activation until their next call; the grain and its state need not stay with it.
        (_grain, _states) = (null, []);
        runtime.Remove(this);
    }
}
