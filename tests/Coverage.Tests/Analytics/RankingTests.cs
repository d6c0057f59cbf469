using System.Net;
using Coverage.Contracts;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

public sealed class RankingTests
{
    [Theory]
    [InlineData("asc", new[] { "450105", "450102", "450103" })]
    [InlineData("desc", new[] { "450103", "450102", "450105" })]
    public async Task ChildrenSortByAnyRateWithOrgsWithoutAValueLast(string order, string[] expectedFirst)
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.SetMembersAsync("450102", 50, employees: 100);
        await app.SetMembersAsync("450103", 80, employees: 100);
        await app.SetMembersAsync("450105", 20, employees: 100);

        var children = await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{Nanning}/children?sort=rates.membership&order={order}");

        Assert.Equal(expectedFirst, children.Take(3).Select(c => c.Code));
        Assert.Equal(app.Service<IOrgDirectory>().ChildrenOf(Nanning).Count, children.Length);
        Assert.All(children.Skip(3), c => Assert.Null(c.Rates.Membership));
    }

    [Fact]
    public async Task ChildrenSortByTotalsBestFirstByDefault()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.SetMembersAsync("450102", 500);
        await app.SetMembersAsync("450103", 900);

        var children = await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{Nanning}/children?sort=totals.members");

        Assert.Equal(["450103", "450102"], children.Take(2).Select(c => c.Code));
    }

    [Fact]
    public async Task DescendantsRankEveryCountyOfAProvince()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.SetMembersAsync("450102", 500);
        await app.SetMembersAsync("450203", 900);
        await app.SetMembersAsync("451002", 700);

        await Eventually.TrueAsync(async () => (await app.GetAsync<OrgSummary>("/api/v1/orgs/450000")).Totals.Members == 2_100,
            TimeSpan.FromSeconds(5), "the province total over its cities");

        var ranking = await app.GetAsync<Page<OrgSummary>>("/api/v1/orgs/450000/descendants?level=county&sort=totals.members&limit=3");
        var next = await app.GetAsync<Page<OrgSummary>>("/api/v1/orgs/450000/descendants?level=county&sort=totals.members&limit=3&offset=1");
        var cities = await app.GetAsync<Page<OrgSummary>>("/api/v1/orgs/450000/descendants?level=city&sort=totals.members");

        Assert.Equal(["450203", "451002", "450102"], ranking.Items.Select(c => c.Code));
        Assert.Equal(111, ranking.Total);
        Assert.Equal(["451002", "450102"], next.Items.Take(2).Select(c => c.Code));
        Assert.Equal(14, cities.Total);
        Assert.All(cities.Items, c => Assert.Equal(OrgLevel.City, c.Level));
        Assert.Equal(["450200", "451000", "450100"], cities.Items.Take(3).Select(c => c.Code));
    }

    [Theory]
    [InlineData("/api/v1/orgs/450000/descendants?level=province", "level", "county")]
    [InlineData("/api/v1/orgs/450000/descendants?sort=members", "sort", "totals.members")]
    [InlineData("/api/v1/orgs/450100/children?sort=rates.membership&order=up", "order", "asc")]
    [InlineData("/api/v1/orgs/450000/descendants?limit=0", "limit", null)]
    public async Task RankingsRejectUnknownLevelsMeasuresAndOrders(string url, string parameter, string? listed)
    {
        await using var app = await AnalyticsApp.StartAsync();

        var (status, problem) = await app.SendAsync(HttpMethod.Get, url);

        Assert.Equal(400, status);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        if (listed is not null)
            Assert.Contains(listed, problem.GetProperty("valid").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task ARankingOfMoreOrgsThanOneRankingReadsIsRefusedWithTheWayToNarrowIt()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?> { ["Rankings:MaxOrgs"] = "50" });

        var national = await app.Admin.GetAsync("/api/v1/orgs/000000/descendants?level=county");
        var oneCity = await app.Admin.GetAsync("/api/v1/orgs/450100/descendants?level=county");
        var provinces = await app.Admin.GetAsync("/api/v1/orgs/000000/descendants?level=province");

        Assert.Equal(HttpStatusCode.BadRequest, national.StatusCode);
        var problem = await CoverageApp.JsonOf(national);
        Assert.Equal("level", problem.GetProperty("parameter").GetString());
        Assert.Contains("more than one ranking reads (50, Rankings:MaxOrgs)", problem.GetProperty("detail").GetString());
        Assert.Contains("one province at a time", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, oneCity.StatusCode);
        Assert.Equal(HttpStatusCode.OK, provinces.StatusCode);
    }

    [Fact]
    public async Task ARankingOfMoreDirectChildrenThanOneRankingReadsNamesTheSettingToRaise()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?> { ["Rankings:MaxOrgs"] = "20" });

        var provinces = await app.Admin.GetAsync("/api/v1/orgs/000000/descendants?level=province");

        Assert.Equal(HttpStatusCode.BadRequest, provinces.StatusCode);
        var detail = (await CoverageApp.JsonOf(provinces)).GetProperty("detail").GetString();
        Assert.Contains("An administrator can raise Rankings:MaxOrgs.", detail);
        Assert.DoesNotContain("at a time", detail);
    }
}
