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

        // The bucket refills each second, so a slow first answer can let a second request through; a few more cannot all pass.
        var response = await client.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv");
        for (var sent = 1; response.StatusCode == HttpStatusCode.OK && sent < 5; sent++)
        {
            response.Dispose();
            response = await client.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv");
        }
        using var limited = response;

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("retry after", await DetailOf(limited));
    }

    [Fact]
    public async Task ACsvRequestsProblemCarriesTheSameTypeTitleAndDetailAsAJsonRequests()
    {
        await using var app = await CoverageApp.StartAsync();
        using var csvClient = CsvClient(app, key: null);
        using var jsonClient = app.ClientWithKey(null);
        jsonClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var asCsv = await csvClient.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv");
        using var asJson = await jsonClient.GetAsync($"/api/v1/orgs/{Guangxi}/children.csv");

        var csvProblem = await CoverageApp.JsonOf(asCsv);
        var jsonProblem = await CoverageApp.JsonOf(asJson);
        Assert.Equal(HttpStatusCode.Unauthorized, asCsv.StatusCode);
        foreach (var member in new[] { "type", "title", "status", "detail" })
            Assert.Equal(jsonProblem.GetProperty(member).ToString(), csvProblem.GetProperty(member).ToString());
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#", csvProblem.GetProperty("type").GetString());
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
