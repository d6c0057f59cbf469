using Microsoft.AspNetCore.SignalR;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Hub calls per connection, as a token bucket. The page calls Subscribe once per view and once per watched org after a
/// reconnect; the HTTP rate limits never see messages on an open WebSocket, so without this one client could keep a core busy.
/// </summary>
public sealed class HubCallLimit(TimeProvider clock) : IHubFilter
{
    public const int CallsPerSecond = 10;

    /// <summary>Twice the 50 orgs a connection may watch, so a client re-subscribing all of them at once is never refused.</summary>
    public const int Burst = 100;

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var items = invocation.Context.Items;
        if (!items.TryGetValue(typeof(HubCallLimit), out var kept) || kept is not Bucket bucket)
            items[typeof(HubCallLimit)] = bucket = new Bucket(clock.GetTimestamp());
        if (!bucket.TryTake(clock.GetTimestamp(), clock.TimestampFrequency))
            throw new HubException(
                $"Too many hub calls: at most {CallsPerSecond} a second, {Burst} at once. Wait a second before calling '{invocation.HubMethodName}' again.");
        return next(invocation);
    }

    private sealed class Bucket(long start)
    {
        private readonly Lock _lock = new();
        private double _tokens = Burst;
        private long _last = start;

        public bool TryTake(long now, long frequency)
        {
            lock (_lock)
            {
                _tokens = Math.Min(Burst, _tokens + (now - _last) * (double)CallsPerSecond / frequency);
                _last = now;
                if (_tokens < 1)
                    return false;
                _tokens--;
                return true;
            }
        }
    }
}
