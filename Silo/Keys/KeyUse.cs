namespace Coverage.Silo.Keys;

/// <summary>When a key was last used, moved on at most once a minute, so concurrent requests with one key rarely write it.</summary>
internal sealed class KeyUse
{
    private static readonly long Resolution = TimeSpan.FromMinutes(1).Ticks;

    private long _ticks;

    public DateTimeOffset? Last => Volatile.Read(ref _ticks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>True when this use moved the last use on, which then is to be written.</summary>
    public bool Touch(DateTimeOffset now)
    {
        var last = Volatile.Read(ref _ticks);
        var ticks = now.UtcTicks;
        return ticks - last >= Resolution && Interlocked.CompareExchange(ref _ticks, ticks, last) == last;
    }
}
