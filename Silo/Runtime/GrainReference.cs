using System.Reflection;

namespace Coverage.Silo.Runtime;

/// <summary>What callers hold instead of a grain: every interface call becomes a message to the grain's activation.</summary>
public class GrainReference : DispatchProxy
{
    private GrainRuntime? _runtime;
    private GrainId _id;
    private GrainActivation? _activation;

    public override string ToString() => _id.ToString();

    internal GrainReference Copy() => (GrainReference)MemberwiseClone();

    internal void Bind(GrainRuntime runtime, GrainId id)
    {
        _runtime = runtime;
        _id = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _runtime!.Invoke(_id, ref _activation, targetMethod!, args ?? []);
}
