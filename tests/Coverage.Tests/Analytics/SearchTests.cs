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
