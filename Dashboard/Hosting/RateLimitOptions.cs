namespace Coverage.Dashboard.Hosting;

/// <summary>The RateLimit configuration section: writes allowed per key, and API requests allowed per address without a key.</summary>
public sealed class RateLimitOptions
{
    public int WritesPerSecond { get; set; } = 50;

    /// <summary>Writes a key may make at once after being idle; refilled at WritesPerSecond.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>API requests per second from one address without a key (reads open to all); 0 turns the limit off.</summary>
    public int AnonymousRequestsPerSecond { get; set; } = 50;

    /// <summary>Requests without a key one address may make at once after being idle; refilled at AnonymousRequestsPerSecond.</summary>
    public int AnonymousBurst { get; set; } = 200;
}
