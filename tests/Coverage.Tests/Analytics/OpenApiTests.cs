using System.Text.Json;
using System.Text.RegularExpressions;
using Coverage.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Coverage.Tests.Analytics;

public sealed class OpenApiTests
{
    [Fact]
    public async Task OpenApiDocumentDescribesEveryRoute()
    {
        await using var app = await AnalyticsApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/openapi/v1.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.True(response.IsSuccessStatusCode);
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("info").GetProperty("title").GetString()));
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var routes = app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => "/" + Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+):[^}]+\}", "{$1}"))
            .ToList();
        Assert.Contains("/api/v1/orgs/{code}/timeseries", routes);
        Assert.All(routes, route => Assert.Contains(route, paths));
        var timeseries = root.GetProperty("paths").GetProperty("/api/v1/orgs/{code}/timeseries").GetProperty("get");
        Assert.Contains("rates.membership", timeseries.GetProperty("description").GetString());
        var content = timeseries.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("text/csv", out _));
        Assert.True(timeseries.GetProperty("responses").TryGetProperty("400", out _));
        var children = root.GetProperty("paths").GetProperty("/api/v1/orgs/{code}/children").GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content");
        Assert.Equal("array", children.GetProperty("application/json").GetProperty("schema").GetProperty("type").GetString());
        Assert.True(children.TryGetProperty("text/csv", out _));
        var put = root.GetProperty("paths").GetProperty("/api/v1/orgs/{code}/figures").GetProperty("put").GetProperty("responses");
        Assert.Equal("#/components/schemas/OrgSummary",
            put.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(put.TryGetProperty("400", out _));
    }
}
