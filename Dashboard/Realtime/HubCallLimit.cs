using Coverage.Dashboard.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Hub calls per connection, as a token bucket. The page calls Subscribe once per view and once per watched org after a
/// reconnect; the HTTP rate limits never see messages on an open WebSocket, so without this one client could keep a core busy.
/// A refusal costs more than the call it refuses, so a connection that keeps calling past the limit is closed.
/// </summary>
public sealed class HubCallLimit(TimeProvider clock, IOptions<RateLimitOptions> options) : IHubFilter
{
    /// <summary>Twice the orgs a connection may watch, so a client re-subscribing all of them at once is never refused.</summary>
    public const int Burst = 2 * Subscriptions.MaxOrgsPerConnection;

    /// <summary>Refusals after which the connection is closed; its client may reconnect through the HTTP rate limits.</summary>
    public const int RefusalsBeforeClosing = 1_000;

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocation.Context.Items;
        var callsPerSecond = options.Value.HubCallsPerSecond;
        if (!items.TryGetValue(typeof(HubCallLimit), out var kept) || kept is not Bucket bucket)
            items[typeof(HubCallLimit)] = bucket = new Bucket(clock.GetTimestamp(), callsPerSecond);
        if (bucket.Take(clock.GetTimestamp(), clock.TimestampFrequency) is var refused and > 0)
        {
            if (refused > RefusalsBeforeClosing)
                invocation.Context.Abort();
            throw new HubException(
                $"Too many hub calls: at most {callsPerSecond} a second, {Burst} at once. Wait a second before calling '{invocation.HubMethodName}' again.");
        }
        return next(invocation);
    }

    private sealed class Bucket(long start, int callsPerSecond)
    {
        private readonly Lock _lock = new();
        private double _tokens = Burst;
        private long _last = start;
        private int _refused;

        /// <summary>
        /// Answers 0 when the call is taken, or how many calls it has refused since the bucket was last full, this one
        /// included: a client quiet long enough to fill it (ten seconds from empty at the default rate) starts again with a clean slate.
        /// </summary>
        public int Take(long now, long frequency)
        {
            lock (_lock)
            {
                _tokens = Math.Min(Burst, _tokens + (now - _last) * (double)callsPerSecond / frequency);
                _last = now;
                if (_tokens >= Burst)
                    _refused = 0;
                if (_tokens < 1)
                    return ++_refused;
                _tokens--;
                return 0;
            }
        }
    }
}
