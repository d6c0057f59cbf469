using System.Globalization;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Live hub connections, in all and per client (its API key, or its address without one). An open connection holds memory
/// until it closes and its messages never pass the HTTP rate limits, so the connections themselves are counted: a WebSocket
/// connection is one request that lasts as long as the connection.
/// </summary>
public sealed class HubConnectionLimit(IOptions<RateLimitOptions> options, IProblemDetailsService problems)
{
    private const int RetryAfterSeconds = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _byClient = [];
    private int _total;

    /// <summary>
    /// Runs one of the hub's requests. The connection's long-lived request (a WebSocket, server-sent events or a long poll,
    /// all GETs) holds a place while open; a negotiation holds none but is refused, saying which limit it met, when no
    /// place is free; the posts that carry a connection's handshake and calls without WebSockets belong to a held place.
    /// </summary>
    public async Task RunAsync(HttpContext context, RequestDelegate hub)
    {
        var keyId = context.User.KeyIdOf();
        var client = keyId is null ? $"address {ClientAddress.Of(context.Connection.RemoteIpAddress)}" : $"key {keyId}";
        var holds = HttpMethods.IsGet(context.Request.Method);
        if ((holds || IsNegotiation(context.Request)) && Refusal(client, keyId is not null, take: holds) is { } reason)
        {
            await RefuseAsync(context, reason);
            return;
        }
        if (!holds)
        {
            await hub(context);
            return;
        }
        try
        {
            await hub(context);
        }
        finally
        {
            Leave(client);
        }
    }

    private static bool IsNegotiation(HttpRequest request) => request.Path.Value?.EndsWith("/negotiate", StringComparison.Ordinal) == true;

    private string? Refusal(string client, bool keyed, bool take)
    {
        var limits = options.Value;
        lock (_lock)
        {
            if (_total >= limits.HubConnections)
                return $"The server holds the most live connections it takes ({limits.HubConnections}); retry after {RetryAfterSeconds} s.";
            var held = _byClient.GetValueOrDefault(client);
            if (held >= limits.HubConnectionsPerClient)
                return (keyed ? "This API key" : "This address, without an API key,") +
                    $" holds {held} live connections, the most one client may; close one (a page open elsewhere) before opening another.";
            if (take)
            {
                _byClient[client] = held + 1;
                _total++;
            }
            return null;
        }
    }

    private void Leave(string client)
    {
        lock (_lock)
        {
            _total--;
            if (--_byClient[client] == 0)
                _byClient.Remove(client);
        }
    }

    private async Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many live connections", Detail = reason },
        });
    }
}
