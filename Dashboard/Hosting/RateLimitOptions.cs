namespace Coverage.Dashboard.Hosting;

/// <summary>
/// The RateLimit configuration section: writes allowed per key, API requests allowed per address without a key, hub calls
/// per connection, and live hub connections in all and per client.
/// </summary>
public sealed class RateLimitOptions
{
    public int WritesPerSecond { get; set; } = 50;

    /// <summary>Writes a key may make at once after being idle; refilled at WritesPerSecond.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>API requests per second from one address without a key (reads open to all); 0 turns the limit off.</summary>
    public int AnonymousRequestsPerSecond { get; set; } = 50;

    /// <summary>Requests without a key one address may make at once after being idle; refilled at AnonymousRequestsPerSecond.</summary>
    public int AnonymousBurst { get; set; } = 200;

    /// <summary>Hub calls (Subscribe, Unsubscribe) one connection may make a second, with bursts of twice the orgs it may watch.</summary>
    public int HubCallsPerSecond { get; set; } = 10;

    /// <summary>Live hub connections the process holds at once; each costs memory until it closes.</summary>
    public int HubConnections { get; set; } = 10_000;

    /// <summary>Live hub connections one client holds at once: per API key, or per address without one (an office behind one NAT shares it).</summary>
    public int HubConnectionsPerClient { get; set; } = 100;
}
