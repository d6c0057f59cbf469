using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Dashboard.Demo;

[JsonConverter(typeof(CamelCaseEnumConverter<DemoPhase>))]
public enum DemoPhase
{
    Off,
    Seeding,
    Running,
    RefusedRealData,
}

/// <summary>What the demo is doing, for the page's banner and /api/v1/info.</summary>
public sealed class DemoStatus
{
    private volatile DemoPhase _phase = DemoPhase.Off;
    private int _seeded;
    private int _toSeed;

    public DemoPhase Phase => _phase;

    public bool IsDemo => _phase is DemoPhase.Seeding or DemoPhase.Running;

    /// <summary>Below 1 until the seed is over: the year of history, written last, is not counted in items.</summary>
    public double Progress => _phase != DemoPhase.Seeding ? 1 : _toSeed == 0 ? 0 : Math.Min(0.99, (double)_seeded / _toSeed);

    public void Enter(DemoPhase phase) => _phase = phase;

    public void Planned(int count) => _toSeed = count;

    public void Seeded(int count = 1) => Interlocked.Add(ref _seeded, count);
}
