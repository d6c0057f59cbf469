using Coverage.Contracts;
using Coverage.Silo.History;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

public sealed class ChildrenTimeSeriesTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task EachChildsSeriesIsBucketedAsItsOwnSeriesWouldBeWithThePointBeforeTheRangeCarriedIn(StorageProvider provider)
    {
        await using var app = await AnalyticsApp.StartAsync(provider, now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await app.Service<OrgHistory>().WriteAsync(
        [
            (Xingning, new DateOnly(2026, 9, 30), Members(100)),
            (Xingning, new DateOnly(2026, 10, 15), Members(150)),
            (Qingxiu, new DateOnly(2026, 10, 31), Members(300)),
            (Qingxiu, new DateOnly(2026, 11, 5), Members(320)),
        ]);
        await app.SetMembersAsync(Qingxiu, 333);

        var children = await app.GetAsync<ChildrenTimeSeries>(
            $"/api/v1/orgs/{Nanning}/children/timeseries?measure=totals.members&from=2026-10-01&to=2026-11-30&interval=month");
        var alone = await app.GetAsync<TimeSeries>(
            $"/api/v1/orgs/{Qingxiu}/timeseries?measure=totals.members&from=2026-10-01&to=2026-11-30&interval=month");

        Assert.Equal(12, children.Total);
        Assert.Equal(12, children.Children.Count);
        Assert.Equal([Xingning, Qingxiu], children.Children.Take(2).Select(c => c.Code));
        Assert.Equal("兴宁区", children.Children[0].Name);
        Assert.Equal([new(new DateOnly(2026, 10, 1), 150), new(new DateOnly(2026, 11, 1), 150)], children.Children[0].Points);
        Assert.Equal([new(new DateOnly(2026, 10, 1), 300), new(new DateOnly(2026, 11, 1), 333)], children.Children[1].Points);
        Assert.Equal(alone.Points, children.Children[1].Points);
        Assert.Empty(children.Children.Single(c => c.Code == "450181").Points);
    }

    [Fact]
    public async Task AsCsvTheBucketsAreRowsAndEachChildIsAColumn()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await app.Service<OrgHistory>().WriteAsync(
        [
            (Xingning, new DateOnly(2026, 11, 2), Members(100)),
            (Qingxiu, new DateOnly(2026, 11, 9), Members(300)),
        ]);

        var table = await app.GetCsvAsync($"/api/v1/orgs/{Nanning}/children/timeseries.csv?measure=totals.members&from=2026-11-02&to=2026-11-15&interval=week&limit=2");

        Assert.Equal(["日期", "兴宁区（450102）", "青秀区（450103）"], table.Header);
        Assert.Equal([["2026-11-02", "100", ""], ["2026-11-09", "100", "300"]], table.Rows);
    }

    [Fact]
    public async Task ChildrenArePagedAndTooManyChildDaysAreRefusedSayingHowManyFit()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));

        var page = await app.GetAsync<ChildrenTimeSeries>($"/api/v1/orgs/{Nanning}/children/timeseries?limit=5&offset=10");
        var (status, problem) = await app.SendAsync(HttpMethod.Get, "/api/v1/orgs/000000/children/timeseries?interval=month&from=2000-01-01&to=2019-12-31");
        var (badMeasure, _) = await app.SendAsync(HttpMethod.Get, $"/api/v1/orgs/{Nanning}/children/timeseries?measure=attainment.newMembers");

        Assert.Equal((12, 2), (page.Total, page.Children.Count));
        Assert.Equal(["450126", "450181"], page.Children.Select(c => c.Code));
        Assert.Equal(400, status);
        Assert.Equal("from", problem.GetProperty("parameter").GetString());
        Assert.Contains("at most 13 children at a time", problem.GetProperty("detail").GetString());
        Assert.Equal(400, badMeasure);
    }

    private static Aggregate Members(long members) => Aggregate.Of(Figure.Of(members));
}
