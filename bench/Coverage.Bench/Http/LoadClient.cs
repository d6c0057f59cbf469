using System.Net.Http.Headers;

namespace Coverage.Bench.Http;

/// <summary>One HttpClient with a kept-alive connection per concurrent client, as a fleet of pushing systems would hold.</summary>
public static class LoadClient
{
    public static HttpClient Create(Uri baseAddress, int connections, string? bearerKey = null)
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (bearerKey is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerKey);
        return client;
    }

    /// <summary>Sends and reads the whole answer, as a real client must before its next request.</summary>
    public static async Task<int> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            await response.Content.LoadIntoBufferAsync();
            return (int)response.StatusCode;
        }
    }
}
