using System.Collections.Concurrent;
using System.Reflection;
using Coverage.Runtime;
using Coverage.Silo.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coverage.Silo.Runtime;

/// <summary>
/// The grain directory and factory: one activation per grain id, created on the first call and removed when collected.
/// </summary>
public sealed class GrainRuntime : IGrainFactory
{
    /// <summary>Enough for a call chain as deep as the org tree to wake and retire each level in turn.</summary>
    private const int MaxShutdownRounds = 10;

    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> _invokers = new();
    private readonly Dictionary<Type, GrainClass> _classes;
    private readonly SiloMetrics _metrics;
    private bool _warnedOfShedding;

    public GrainRuntime(IServiceProvider services, IGrainStateStore store, IOptions<GrainRuntimeOptions> options,
        IEnumerable<GrainRegistration> registrations, SiloMetrics metrics, ILogger<GrainRuntime> logger)
    {
        Services = services;
        Store = store;
        Options = options.Value;
        Logger = logger;
        _classes = registrations.ToDictionary(r => r.Interface, r => new GrainClass(r.Interface, r.Implementation));
        _metrics = metrics;
        metrics.ObserveActivations(() => _activations.Count);
    }

    internal IServiceProvider Services { get; }

    internal IGrainStateStore Store { get; }

    internal GrainRuntimeOptions Options { get; }

    internal ILogger Logger { get; }

    public int ActivationCount => _activations.Count;

    /// <summary>Whether the grain has an activation now; asking creates none.</summary>
    public bool IsActive<TGrain>(string key) where TGrain : IGrainWithStringKey =>
        _classes.TryGetValue(typeof(TGrain), out var grainClass) && _activations.ContainsKey(new GrainId(grainClass, key));

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_classes.TryGetValue(typeof(TGrain), out var grainClass))
            throw new InvalidOperationException($"No grain class is registered for {typeof(TGrain).Name}; call AddGrain<{typeof(TGrain).Name}, ...>().");
        var reference = grainClass.NewReference();
        reference.Bind(this, new GrainId(grainClass, key));
        return (TGrain)(object)reference;
    }

    /// <summary>
    /// Collects the grain's activation, if it has one, once the calls queued before this have run; it writes what it holds
    /// first. Faults when that write fails, leaving the activation awake.
    /// </summary>
    public Task DeactivateAsync<TGrain>(string key) where TGrain : IGrainWithStringKey
    {
        if (!_classes.TryGetValue(typeof(TGrain), out var grainClass) || !_activations.TryGetValue(new GrainId(grainClass, key), out var activation))
            return Task.CompletedTask;
        var deactivation = new Deactivation(ifNoCallAfter: null);
        activation.Post(deactivation);
        return deactivation.Done;
    }

    /// <summary>A call from a reference; the reference keeps the activation it found until that activation is collected.</summary>
    internal object Invoke(GrainId id, ref GrainActivation? activation, MethodInfo method, object?[] arguments)
    {
        var invoker = _invokers.GetOrAdd(method, GrainMethodInvoker.For);
        if (activation is null || activation.Status == ActivationStatus.Retired)
            activation = ActivationOf(id);
        return invoker.Call(activation, arguments);
    }

    internal void Post(GrainId id, WorkItem item) => ActivationOf(id).Post(item);

    private GrainActivation ActivationOf(GrainId id) =>
        _activations.GetOrAdd(id, static (id, runtime) => new GrainActivation(runtime, id), this);

    internal void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.Id, activation));

    internal void Sweep()
    {
        var now = Environment.TickCount64;
        var overdue = now - (long)Options.CallTimeout.TotalMilliseconds;
        var idleSince = now - (long)Options.CollectionAge.TotalMilliseconds;
        var excess = _activations.Count - Options.MaxActivations;
        var idle = excess > 0 ? new List<(long LastCallAt, GrainActivation Activation)>() : null;
        foreach (var activation in _activations.Values)
        {
            activation.FailOverdueCalls(overdue, Options.CallTimeout);
            if (activation.Status != ActivationStatus.Active)
                continue;
            if (activation.IsIdleSince(idleSince))
                activation.Post(new Deactivation(idleSince));
            else if (idle is not null && activation.IsIdleSince(now))
                idle.Add((activation.LastCallAt, activation));
        }
        if (idle is not null)
            ShedLongestIdle(idle, excess + (Options.MaxActivations / 10));
    }

    /// <summary>
    /// Collects up to <paramref name="count"/> of the idle activations, longest idle first; one that is called before its
    /// collection turn stays. Collecting down to below the limit spares the next sweeps from sorting again at once.
    /// </summary>
    private void ShedLongestIdle(List<(long LastCallAt, GrainActivation Activation)> idle, int count)
    {
        idle.Sort((a, b) => a.LastCallAt.CompareTo(b.LastCallAt));
        var shed = Math.Min(count, idle.Count);
        for (var i = 0; i < shed; i++)
            idle[i].Activation.Post(new Deactivation(idle[i].LastCallAt));
        _metrics.Shed(shed);
        if (shed > 0 && !_warnedOfShedding)
            Logger.LogWarning("{Count} grain activations are awake, more than GrainRuntime:MaxActivations ({Max}); the longest idle " +
                "are collected before GrainRuntime:CollectionAge (warned once; the coverage.grains.shed metric counts them). Raise the limit " +
                "if memory allows, about 5 KB per grassroots union",
                _activations.Count, Options.MaxActivations);
        _warnedOfShedding |= shed > 0;
    }

    /// <summary>
    /// Writes and retires every activation, for an orderly shutdown. A grain may call one already retired while it retires
    /// (a county's last report wakes its city), so it goes round again until none is left.
    /// </summary>
    internal async Task DeactivateAllAsync()
    {
        for (var round = 1; !_activations.IsEmpty; round++)
        {
            if (round > MaxShutdownRounds)
            {
                Logger.LogError("{Count} activations were still awake after {Rounds} rounds of shutdown; what they hold is not written",
                    _activations.Count, MaxShutdownRounds);
                return;
            }
            var pending = new List<Task>();
            foreach (var activation in _activations.Values)
            {
                var deactivation = new Deactivation(ifNoCallAfter: null);
                activation.Post(deactivation);
                pending.Add(deactivation.Done);
            }
            try
            {
                await Task.WhenAll(pending);
            }
            catch (Exception error)
            {
                // Those that failed are still active, so the next round tries them again.
                Logger.LogError(error, "Some activations could not write their state on shutdown; trying again");
            }
        }
    }
}
