using System.Collections.Concurrent;

namespace Coverage.Tests.Runtime;

/// <summary>Counts activations per key, outside any grain, so a second activation cannot hide.</summary>
public sealed class ProbeLog
{
    private readonly ConcurrentDictionary<string, int> _activations = new();

    public void Activated(string key) => _activations.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int ActivationsOf(string key) => _activations.GetValueOrDefault(key);
}
