using System.Net;
using System.Text.Json;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

public sealed class UnroutedRequestTests
{
    [Fact]
    public async Task APathNoRouteTakesSaysWhereTheRoutesAreListed()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/orgs/450000/rankingz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = await DetailOf(response);
        Assert.Contains("GET /api/v1/orgs/450000/rankingz", detail);
        Assert.Contains("/openapi/v1.json", detail);
    }

    [Fact]
    public async Task AMethodTheRouteDoesNotTakeNamesTheOneItDoes()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = app.Admin;

        using var response = await client.DeleteAsync("/api/v1/orgs/450102/figures");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("/api/v1/orgs/450102/figures does not take DELETE; it takes PUT.", await DetailOf(response));
    }

    [Fact]
    public async Task ABodyOfATypeTheRouteDoesNotTakeSaysWhereTheTypesAreListed()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = app.Admin;

        using var response = await client.PutAsync("/api/v1/orgs/450100/targets/2026", new StringContent("newMembers=30000"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var detail = await DetailOf(response);
        Assert.Contains("'text/plain; charset=utf-8'", detail);
        Assert.Contains("/openapi/v1.json", detail);
    }

    [Fact]
    public async Task AnUnknownOrgKeepsItsOwnExplanation()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = app.Admin;

        using var response = await client.GetAsync("/api/v1/orgs/459999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = await DetailOf(response);
        Assert.Contains("459999", detail);
        Assert.DoesNotContain("/openapi/v1.json", detail);
    }

    [Fact]
    public async Task AHugePathIsNotEchoedWhole()
    {
        await using var app = await CoverageApp.StartAsync();
        using var client = app.CreateClient();
        var path = "/api/v1/" + new string('x', 5_000);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = await DetailOf(response);
        Assert.Contains(path[..200] + "…", detail);
        Assert.True(detail.Length < 500, $"The detail is {detail.Length} characters long.");
    }

    private static async Task<string> DetailOf(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString()!;
    }
}
