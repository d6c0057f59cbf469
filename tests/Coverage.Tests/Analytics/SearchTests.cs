using System.Net.Http.Json;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Analytics;

public sealed class SearchTests
{
    [Fact]
    public async Task SearchFindsACityByPartOfItsName()
    {
        await using var app = await AnalyticsApp.StartAsync();

        var found = await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=南宁&level=city");

        Assert.Equal("450100", Assert.Single(found.Items).Code);
        Assert.Equal(1, found.Total);
    }

    [Fact]
    public async Task SearchFindsAGrassrootsUnitRegisteredOrRenamedAtRunTime()
    {
        await using var app = await AnalyticsApp.StartAsync();
        var registry = app.Service<OrgRegistry>();
        Assert.Equal(0, (await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=快递行业")).Total);
        await registry.PutAsync(new OrgInfo("GX0001", "兴宁区快递行业联合工会", OrgLevel.Grassroots, OrgKind.Joint, "450102"));

        var byName = await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=快递行业");
        var byCode = await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=gx00&level=grassroots");
        await registry.PutAsync(new OrgInfo("GX0001", "兴宁区外卖骑手联合工会", OrgLevel.Grassroots, OrgKind.Joint, "450102"));
        var renamed = await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=外卖骑手");

        Assert.Equal("GX0001", Assert.Single(byName.Items).Code);
        Assert.Equal("兴宁区快递行业联合工会", Assert.Single(byCode.Items).Name);
        Assert.Equal("GX0001", Assert.Single(renamed.Items).Code);
        Assert.Equal(0, (await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=快递行业")).Total);
    }

    [Fact]
    public async Task WithoutOpenReadsAKeyFindsOnlyItsOwnOrgAndTheOrgsBelowIt()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "false" });
        await app.Admin.PutAsJsonAsync("/api/v1/orgs/450102/units/XN-FIND", new { name = "兴宁区查找工会", kind = "joint" });
        await app.Admin.PutAsJsonAsync("/api/v1/orgs/450103/units/QX-FIND", new { name = "青秀区查找工会", kind = "joint" });
        var county = app.ClientWithKey(await app.CreateKeyAsync("450102", "reader"));
        async Task<List<string?>> CodesFound(HttpClient client, string q) => (await CoverageApp.JsonOf(await client.GetAsync($"/api/v1/orgs?q={Uri.EscapeDataString(q)}")))
            .GetProperty("items").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToList();

        Assert.Equal(["XN-FIND"], await CodesFound(county, "查找工会"));
        Assert.Equal(["450102"], await CodesFound(county, "4501"));
        Assert.Empty(await CodesFound(county, "青秀区"));
        Assert.Equal(["QX-FIND", "XN-FIND"], (await CodesFound(app.Admin, "查找工会")).Order());
    }

    [Fact]
    public async Task SearchPagesLongResultsBestMatchFirst()
    {
        await using var app = await AnalyticsApp.StartAsync();

        var first = await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=4501&limit=2");
        var second = await app.GetAsync<Page<OrgInfo>>("/api/v1/orgs?q=4501&limit=2&offset=2");

        Assert.Equal(13, first.Total);
        Assert.Equal(["450100", "450102"], first.Items.Select(o => o.Code));
        Assert.Equal(["450103", "450105"], second.Items.Select(o => o.Code));
    }

    [Fact]
    public async Task SearchWithoutAQueryOrLevelSaysWhatToGive()
    {
        await using var app = await AnalyticsApp.StartAsync();

        var (status, problem) = await app.SendAsync(HttpMethod.Get, "/api/v1/orgs");

        Assert.Equal(400, status);
        Assert.Equal("q", problem.GetProperty("parameter").GetString());
    }
}
