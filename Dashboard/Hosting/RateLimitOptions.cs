namespace Coverage.Dashboard.Hosting;

/// <summary>The RateLimit configuration section: writes allowed per key.</summary>
public sealed class RateLimitOptions
{
    public int WritesPerSecond { get; set; } = 50;

    /// <summary>Writes a key may make at once after being idle; refilled at WritesPerSecond.</summary>
    public int Burst { get; set; } = 100;
}
