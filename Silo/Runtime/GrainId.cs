namespace Coverage.Silo.Runtime;

/// <summary>Identifies one grain: its class and its key.</summary>
internal readonly record struct GrainId(GrainClass Class, string Key)
{
    public override string ToString() => $"{Class.Name}/{Key}";
}
