using Coverage.Contracts;
using Coverage.Silo.History;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

public sealed class TargetTests
{
    private static readonly DateTimeOffset MidYear = DateTimeOffset.Parse("2026-07-02T12:00:00+08:00");

    [Fact]
    public async Task NewMembersCountFromTheLastPointOfThePreviousYear()
    {
        await using var app = await AnalyticsApp.StartAsync(now: MidYear);
        await app.Service<OrgHistory>().WriteAsync(
        [
            (Xingning, new DateOnly(2025, 6, 1), Aggregate.Of(Figure.Of(500))),
            (Xingning, new DateOnly(2025, 12, 31), Aggregate.Of(Figure.Of(1_000))),
            (Xingning, new DateOnly(2026, 1, 1), Aggregate.Of(Figure.Of(1_200))),
        ]);
        await app.SetMembersAsync(Xingning, 4_000);

        var (status, _) = await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2026",
            new Dictionary<string, double> { ["newMembers"] = 10_000, ["membership"] = 0.8 });
        var summary = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");

        Assert.Equal(200, status);
        var attainment = summary.Attainment!;
        Assert.Equal(2026, attainment.Year);
        Assert.InRange(attainment.ElapsedFraction, 0.49, 0.51);
        Assert.Equal(new TargetAttainment("新增会员", false, 10_000, 3_000, 0.3, Behind: true), attainment.Measures["newMembers"]);
        Assert.Equal(new TargetAttainment("入会率", true, 0.8, 0.5, 0.625, Behind: false), attainment.Measures["membership"]);
        Assert.True(attainment.Behind);
    }

    [Fact]
    public async Task WithoutAPreviousYearNewMembersCountFromTheYearsFirstPoint()
    {
        await using var app = await AnalyticsApp.StartAsync(now: MidYear);
        await app.Service<OrgHistory>().WriteAsync([(Xingning, new DateOnly(2026, 3, 1), Aggregate.Of(Figure.Of(2_000)))]);
        await app.SetMembersAsync(Xingning, 8_000);
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2026", new Dictionary<string, double> { ["newMembers"] = 10_000 });

        var summary = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");

        Assert.Equal(new TargetAttainment("新增会员", false, 10_000, 6_000, 0.6, Behind: false), summary.Attainment!.Measures["newMembers"]);
        Assert.False(summary.Attainment.Behind);
    }

    [Fact]
    public async Task AnOrgWhoseHistoryStartsTodayGainsNothingTodayAndCountsFromTodaysLastPointTomorrow()
    {
        await using var app = await AnalyticsApp.StartAsync(now: MidYear);
        await app.SetMembersAsync(Xingning, 1_000);
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2026", new Dictionary<string, double> { ["newMembers"] = 10_000 });

        var today = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");
        await app.SetMembersAsync(Xingning, 1_200);
        var laterToday = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");
        app.Clock.Set(MidYear.AddDays(1));
        await app.SetMembersAsync(Xingning, 1_500);
        var tomorrow = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");

        Assert.Equal(0, today.Attainment!.Measures["newMembers"].Actual);
        Assert.Equal(0, laterToday.Attainment!.Measures["newMembers"].Actual);
        Assert.Equal(300, tomorrow.Attainment!.Measures["newMembers"].Actual);
    }

    [Fact]
    public async Task JustAfterNewYearNewMembersCountFromTheLastDaysPointEvenBeforeItIsWritten()
    {
        var newYearsEve = DateTimeOffset.Parse("2026-12-31T23:59:00+08:00");
        await using var app = await AnalyticsApp.StartAsync(now: newYearsEve);
        await app.Service<OrgHistory>().WriteAsync([(Xingning, new DateOnly(2026, 12, 1), Aggregate.Of(Figure.Of(400)))]);
        await app.SetMembersAsync(Xingning, 1_000);

        app.Clock.Set(newYearsEve.AddMinutes(2));
        await app.SetMembersAsync(Xingning, 1_500);
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2027", new Dictionary<string, double> { ["newMembers"] = 10_000 });
        var summary = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");

        Assert.Equal(500, summary.Attainment!.Measures["newMembers"].Actual);
    }

    [Fact]
    public async Task ChildrenRankByAttainmentWithThoseWithoutTargetsLast()
    {
        await using var app = await AnalyticsApp.StartAsync(now: MidYear);
        await app.SetMembersAsync(Xingning, 600, employees: 1_000);
        await app.SetMembersAsync(Qingxiu, 900, employees: 1_000);
        await app.SetMembersAsync("450105", 990, employees: 1_000);
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2026", new Dictionary<string, double> { ["membership"] = 0.6 });
        await app.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Qingxiu}/targets/2026", new Dictionary<string, double> { ["membership"] = 1.0 });

        var ranked = await app.GetAsync<OrgSummary[]>("/api/v1/orgs/450100/children?sort=attainment.membership&order=asc");
        var csv = await app.GetCsvAsync("/api/v1/orgs/450100/children.csv?sort=attainment.membership&order=asc");

        Assert.Equal([Qingxiu, Xingning], ranked.Take(2).Select(c => c.Code));
        Assert.Null(ranked.Single(c => c.Code == "450105").Attainment);
        Assert.Equal(0.9, ranked[0].Attainment!.Measures["membership"].Ratio!.Value, 6);
        Assert.Equal([Qingxiu, Xingning], csv.Column("代码").Take(2));
        Assert.Equal(["否", "否"], csv.Column("进度落后").Take(2));
        Assert.Equal("0.9", csv.Cell(0, "目标完成率(入会率)"));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task TargetsAreKeptAcrossARestart(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var first = await AnalyticsApp.StartAsync(database: database, now: MidYear))
        {
            var (status, _) = await first.SendAsync(HttpMethod.Put, $"/api/v1/orgs/{Xingning}/targets/2026",
                new Dictionary<string, double> { ["newMembers"] = 30_000, ["newEmploymentMembers"] = 5_000 });
            Assert.Equal(200, status);
        }

        await using var second = await AnalyticsApp.StartAsync(database: database, now: MidYear);
        var summary = await second.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");

        Assert.Equal(30_000, summary.Attainment!.Measures["newMembers"].Target);
        Assert.Equal(5_000, summary.Attainment.Measures["newEmploymentMembers"].Target);
    }

    [Theory]
    [InlineData("{\"members\": 10, \"newMembrs\": 5}", "newMembrs")]
    [InlineData("{\"membership\": 85}", "membership")]
    [InlineData("{\"newMembers\": -3}", "newMembers")]
    [InlineData("{}", "$")]
    [InlineData("{\"newMembers\": \"30000\"}", "newMembers")]
    [InlineData("[1]", "$")]
    public async Task TargetsThatCannotBeMetAreRejected(string body, string field)
    {
        await using var app = await AnalyticsApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.PutAsync($"/api/v1/orgs/{Xingning}/targets/2026",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task ATargetYearThatIsNotAYearIsNamed()
    {
        await using var app = await AnalyticsApp.StartAsync();
        using var client = app.CreateClient();

        using var response = await client.PutAsync($"/api/v1/orgs/{Xingning}/targets/20x6",
            new StringContent("{\"newMembers\": 3}", System.Text.Encoding.UTF8, "application/json"));
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("year", problem.GetProperty("parameter").GetString());
    }
}
