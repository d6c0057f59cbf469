namespace Coverage.Grains;

/// <summary>
/// Paces a parent's recomputes as a token bucket: a burst runs at once, so a quiet tree passes each change straight up and
/// a read right after a write sees it; under sustained reports it settles at one recompute per spacing.
/// </summary>
internal sealed class RecomputePacer(int burst, TimeProvider clock)
{
    private double _credit = burst;
    private long _refilledAt = clock.GetTimestamp();
    private TimeSpan _spacing = TimeSpan.MaxValue;

    /// <summary>How long until the next recompute may run at <paramref name="spacing"/>; zero when it may run now.</summary>
    public TimeSpan Delay(TimeSpan spacing)
    {
        Refill();
        _spacing = spacing;
        return _credit >= 1 ? TimeSpan.Zero : spacing * (1 - _credit);
    }

    public void Ran()
    {
        Refill();
        _credit = Math.Max(0, _credit - 1);
    }

    private void Refill()
    {
        var now = clock.GetTimestamp();
        _credit = Math.Min(burst, _credit + clock.GetElapsedTime(_refilledAt, now) / _spacing);
        _refilledAt = now;
    }
}
