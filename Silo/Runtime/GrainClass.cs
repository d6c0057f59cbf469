using System.Reflection;
using Coverage.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Silo.Runtime;

/// <summary>
/// How to build one grain class: the context and each [PersistentState] parameter come from the runtime,
/// everything else from dependency injection.
/// </summary>
internal sealed class GrainClass
{
    private readonly ObjectFactory _factory;
    private readonly (string Name, Type StateType)[] _states;
    private readonly GrainReference _unboundReference;

    public GrainClass(Type grainInterface, Type implementation)
    {
        Interface = grainInterface;
        Name = implementation.Name;
        var constructor = implementation.GetConstructors().Single();
        _states = constructor.GetParameters()
            .Where(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            .Select(p => (p.GetCustomAttribute<PersistentStateAttribute>()?.StateName
                          ?? throw new InvalidOperationException($"{implementation.Name}: parameter '{p.Name}' needs [PersistentState(\"name\")]."),
                          p.ParameterType.GetGenericArguments()[0]))
            .ToArray();
        var argumentTypes = new[] { typeof(IGrainContext) }
            .Concat(_states.Select(s => typeof(IPersistentState<>).MakeGenericType(s.StateType)))
            .ToArray();
        _factory = ActivatorUtilities.CreateFactory(implementation, argumentTypes);
        // DispatchProxy.Create looks the proxy type up under a lock and reflects on every call; a copy of one proxy does neither.
        _unboundReference = (GrainReference)DispatchProxy.Create(grainInterface, typeof(GrainReference));
    }

    public Type Interface { get; }

    public string Name { get; }

    /// <summary>A new, unbound reference that implements the grain interface.</summary>
    public GrainReference NewReference() => _unboundReference.Copy();

    public (object Grain, IStateLifecycle[] States) Create(IServiceProvider services, IGrainContext context, IGrainStateStore store)
    {
        var states = _states
            .Select(s => (IStateLifecycle)Activator.CreateInstance(typeof(PersistentState<>).MakeGenericType(s.StateType), s.Name, context.Key, store)!)
            .ToArray();
        var grain = _factory(services, [context, .. states]);
        return (grain, states);
    }
}
