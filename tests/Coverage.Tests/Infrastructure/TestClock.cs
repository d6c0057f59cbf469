namespace Coverage.Tests.Infrastructure;

/// <summary>A clock that stands still at the moment a test sets; timers still run on real time.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private long _utcTicks = now.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Set(DateTimeOffset moment) => Interlocked.Exchange(ref _utcTicks, moment.UtcTicks);
}
