namespace Coverage.Contracts;

/// <summary>Days are counted in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());
}
