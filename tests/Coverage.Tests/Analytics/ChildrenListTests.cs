using Coverage.Contracts;
using Coverage.Dashboard.Api;
using Coverage.Grains;
using Coverage.Silo.Analytics;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

/// <summary>A children list is read again and again by dashboards; each read must show everything that changed since the last.</summary>
public sealed class ChildrenListTests
{
    private static readonly DateTimeOffset LateEvening = DateTimeOffset.Parse("2026-07-02T23:50:00+08:00");

    [Fact]
    public async Task AnUnchangedChildrenListIsServedFromTheJsonMadeForItsLastRead()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.SetMembersAsync(Xingning, 500);
        var responses = app.Service<ChildrenResponses>();
        async Task<byte[]> JsonAsync() =>
            responses.Json(Nanning, default, await app.Service<SummaryReader>().GetManyAsync(app.Service<IOrgDirectory>().ChildrenOf(Nanning)));

        var first = await JsonAsync();
        var again = await JsonAsync();
        await app.SetMembersAsync(Xingning, 600);
        var changed = await JsonAsync();

        Assert.Same(first, again);
        Assert.NotSame(again, changed);
    }

    [Fact]
    public async Task AChildrenListReadAgainShowsNewFiguresAndTargets()
    {
        await using var app = await AnalyticsApp.StartAsync(now: LateEvening);
        await app.SetMembersAsync(Xingning, 500, employees: 1_000);
        var before = await ChildAsync(app, Nanning, Xingning);

        await app.SetMembersAsync(Xingning, 700, employees: 1_000);
        var afterFigures = await ChildAsync(app, Nanning, Xingning);
        var (status, _) = await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2026",
            new Dictionary<string, double> { ["membership"] = 0.8 });
        var afterTarget = await ChildAsync(app, Nanning, Xingning);
        var ranked = await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{Nanning}/children?sort=totals.members&order=asc");

        Assert.Equal(500, before.Totals.Members);
        Assert.Null(before.Attainment);
        Assert.Equal(700, afterFigures.Totals.Members);
        Assert.Equal(200, status);
        Assert.Equal(0.7, afterTarget.Attainment!.Measures["membership"].Actual);
        Assert.Equal(Xingning, ranked[^1].Code);
    }

    [Fact]
    public async Task AChildrenListShowsTheLatestAsOfWhenTheSameCountsAreSentLater()
    {
        await using var app = await AnalyticsApp.StartAsync(now: LateEvening);
        await app.SetMembersAsync(Xingning, 500);
        var before = await ChildAsync(app, Nanning, Xingning);

        app.Clock.Set(LateEvening.AddMinutes(5));
        await app.SetMembersAsync(Xingning, 500);
        var after = await ChildAsync(app, Nanning, Xingning);

        Assert.Equal(LateEvening, before.Own!.AsOf);
        Assert.Equal(LateEvening.AddMinutes(5), after.Own!.AsOf);
    }

    [Fact]
    public async Task AChildrenListReadAgainShowsARenamedUnitAndANewOne()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/units/XN-0001", new { name = "旧名称工会", kind = "enterprise" });
        var before = await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{Xingning}/children");

        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/units/XN-0001", new { name = "新名称工会", kind = "joint" });
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/units/XN-0002", new { name = "第二家工会", kind = "sector" });
        var after = await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{Xingning}/children");

        Assert.Equal(["旧名称工会"], before.Select(c => c.Name));
        Assert.Equal(["新名称工会", "第二家工会"], after.OrderBy(c => c.Code).Select(c => c.Name));
        Assert.Equal(OrgKind.Joint, after.Single(c => c.Code == "XN-0001").Kind);
    }

    [Fact]
    public async Task TodaysVisitsInAChildrenListStartAgainAtMidnightChinaTime()
    {
        await using var app = await AnalyticsApp.StartAsync(now: LateEvening);
        await app.Grains.GetGrain<IStationGrain>("nn-1").Register(new StationInfo(Xingning, "驿站", 22.8, 108.3, true, true, []));
        await app.Grains.GetGrain<IStationGrain>("nn-1").ReportUsage([new DailyUsage(new DateOnly(2026, 7, 2), 35)]);
        await Eventually.TrueAsync(async () => (await ChildAsync(app, Nanning, Xingning)).Totals.StationVisits.Today == 35,
            TimeSpan.FromSeconds(5), "the day's visits in the county's row");

        app.Clock.Set(LateEvening.AddMinutes(20));
        var nextDay = await ChildAsync(app, Nanning, Xingning);

        Assert.Equal(0, nextDay.Totals.StationVisits.Today);
        Assert.Equal(35, nextDay.Totals.StationVisits.Last7Days);
    }

    private static async Task<OrgSummary> ChildAsync(AnalyticsApp app, string parent, string child) =>
        (await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{parent}/children")).Single(c => c.Code == child);
}
