namespace Coverage.Runtime;

/// <summary>Hands out references to grains by interface and key; callers never hold grain objects.</summary>
public interface IGrainFactory
{
    TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey;
}
