namespace Coverage.Contracts;

/// <summary>Days are counted in China Standard Time (UTC+8, no daylight saving).</summary>
public static class ChinaClock
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>A moment as a reader in China tells it, to the second: 2026-11-20 09:30:00.</summary>
    public static string Stamp(DateTimeOffset moment) =>
        moment.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
