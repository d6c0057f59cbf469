using System.Net;
using System.Net.Http.Headers;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

/// <summary>A request that accepts only CSV still gets its error as problem details, never a 500 or a bare status line.</summary>
public sealed class CsvRequestProblemTests
{
    [Fact]
    public async Task AKeylessCsvExportIsToldToSendAKey()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = CsvClient(app, key: null);

        using var response = await client.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Authorization: Bearer", await DetailOf(response));
    }

    [Fact]
    public async Task ACsvRequestForAPathNoRouteTakesGetsAProblemNotAStatusLine()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = CsvClient(app, CoverageApp.AdminKey);

        using var response = await client.GetAsync($"/api/v1/orgs/{Guangxi}/childern.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("/openapi/v1.json", await DetailOf(response));
    }

    [Fact]
    public async Task AnAnonymousCsvExportOverTheRateIsToldWhenToRetry()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymousRead"] = "true",
            ["RateLimit:AnonymousRequestsPerSecond"] = "1",
            ["RateLimit:AnonymousBurst"] = "1",
        });
        using var client = CsvClient(app, key: null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv")).StatusCode);

        using var response = await client.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("retry after", await DetailOf(response));
    }

    private static HttpClient CsvClient(CoverageApp app, string? key)
    {
        var client = app.ClientWithKey(key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return client;
    }

    private static async Task<string> DetailOf(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await CoverageApp.JsonOf(response)).GetProperty("detail").GetString()!;
    }
}
