namespace Coverage.Silo.Runtime;

public sealed class GrainRuntimeOptions
{
    /// <summary>An activation that received no call for this long is written and collected.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Past this many activations the sweep collects the longest idle at once, whatever their age, down to nine tenths of
    /// it: on a day when every grassroots union reports, millions would otherwise stay awake (about 5 KB each) until
    /// <see cref="CollectionAge"/>.
    /// </summary>
    public int MaxActivations { get; set; } = 200_000;

    /// <summary>A call that has not completed after this long fails its caller with a timeout.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle activations and overdue calls are looked for: often enough to honour both limits.</summary>
    public TimeSpan SweepInterval =>
        TimeSpan.FromTicks(Math.Clamp(Math.Min(CallTimeout.Ticks / 10, CollectionAge.Ticks / 4), TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromSeconds(1).Ticks));
}
