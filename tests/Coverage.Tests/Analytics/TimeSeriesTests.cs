using System.Diagnostics;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Silo.History;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

public sealed class TimeSeriesTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task MonthBucketsFollowChinaStandardTime(StorageProvider provider)
    {
        await using var app = await AnalyticsApp.StartAsync(provider, now: DateTimeOffset.Parse("2026-10-31T23:30:00+08:00"));
        await app.SetMembersAsync(Xingning, 100);
        app.Clock.Set(DateTimeOffset.Parse("2026-10-31T16:30:00Z"));
        await app.SetMembersAsync(Xingning, 200);
        app.Clock.Set(DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));

        var months = await app.GetAsync<TimeSeries>($"/api/v1/orgs/{Xingning}/timeseries?measure=totals.members&from=2026-10-01&to=2026-11-30&interval=month");
        var days = await app.GetAsync<TimeSeries>($"/api/v1/orgs/{Xingning}/timeseries?measure=totals.members&from=2026-10-30&to=2026-11-02");

        Assert.Equal([new(new DateOnly(2026, 10, 1), 100), new(new DateOnly(2026, 11, 1), 200)], months.Points);
        Assert.Equal(SeriesInterval.Month, months.Interval);
        Assert.Equal([new(new DateOnly(2026, 10, 31), 100), new(new DateOnly(2026, 11, 1), 200), new(new DateOnly(2026, 11, 2), 200)], days.Points);
    }

    [Fact]
    public async Task WeekBucketsStartOnMondayAndTakeTheWeeksLastPoint()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await app.Service<OrgHistory>().WriteAsync(
        [
            (Xingning, new DateOnly(2026, 11, 2), Courier(10)),
            (Xingning, new DateOnly(2026, 11, 4), Courier(20)),
            (Xingning, new DateOnly(2026, 11, 8), Courier(30)),
            (Xingning, new DateOnly(2026, 11, 9), Courier(40)),
        ]);

        var weeks = await app.GetAsync<TimeSeries>(
            $"/api/v1/orgs/{Xingning}/timeseries?measure=totals.newEmployment.courier.members&from=2026-11-03&to=2026-11-15&interval=week");
        var rates = await app.GetAsync<TimeSeries>(
            $"/api/v1/orgs/{Xingning}/timeseries?measure=rates.newEmploymentByGroup.courier&from=2026-11-03&to=2026-11-15&interval=week");

        Assert.Equal([new(new DateOnly(2026, 11, 2), 30), new(new DateOnly(2026, 11, 9), 40)], weeks.Points);
        Assert.All(rates.Points, p => Assert.Equal(0.25, p.Value));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task HistorySurvivesARestart(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var moment = DateTimeOffset.Parse("2026-11-20T10:00:00+08:00");
        await using (var first = await AnalyticsApp.StartAsync(database: database, now: moment))
            await first.SetMembersAsync(Xingning, 4_321);

        await using var second = await AnalyticsApp.StartAsync(database: database, now: moment.AddDays(2));
        var series = await second.GetAsync<TimeSeries>($"/api/v1/orgs/{Xingning}/timeseries?measure=totals.members&from=2026-11-20&to=2026-11-20");
        var national = await second.GetAsync<TimeSeries>("/api/v1/orgs/000000/timeseries?measure=totals.members&from=2026-11-20&to=2026-11-20");

        Assert.Equal([new(new DateOnly(2026, 11, 20), 4_321)], series.Points);
        Assert.Equal([new(new DateOnly(2026, 11, 20), 4_321)], national.Points);
    }

    [Fact]
    public async Task APointNotYetWrittenIsCarriedIntoALaterRange()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T23:59:00+08:00"));
        await app.SetMembersAsync(Xingning, 700);

        var points = await app.Service<OrgHistory>().ReadAsync(Xingning, new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 21));

        Assert.Equal(700, Assert.Single(points, p => p.Day == new DateOnly(2026, 11, 20)).Totals.Members);
    }

    [Fact]
    public async Task TodaysPointIsWrittenWithinSecondsWhileTheAppRuns()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await app.SetMembersAsync(Xingning, 700);
        await app.SetMembersAsync(Xingning, 800);

        // The flusher writes every 2 s; the rest of the margin is for a machine busy with the other tests.
        await Eventually.TrueAsync(async () => await StoredMembersAsync(app, "2026-11-20") == 800, TimeSpan.FromSeconds(15),
            "the day's last value in org_history");
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AYearOfDemoHistoryIsWrittenInOneGo(StorageProvider provider)
    {
        await using var app = await AnalyticsApp.StartAsync(provider, now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        var cities = app.Service<IOrgDirectory>().ChildrenOf("450000").Select(c => c.Code).ToList();
        var start = new DateOnly(2025, 11, 21);
        var points = cities.SelectMany(code => Enumerable.Range(0, 365).Select(d => (code, start.AddDays(d), Aggregate.Of(Figure.Of(1_000 + d))))).ToList();
        var clock = Stopwatch.StartNew();

        var written = await app.Service<OrgHistory>().WriteAsync(points);

        Assert.Equal(cities.Count * 365, written);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(points.Count / 1_000.0), $"{points.Count} points took {clock.Elapsed}.");
        var series = await app.GetAsync<TimeSeries>($"/api/v1/orgs/{cities[0]}/timeseries?measure=totals.members&from=2026-11-01&to=2026-11-30&interval=month");
        Assert.Equal([new(new DateOnly(2026, 11, 1), 1_364)], series.Points);
    }

    [Fact]
    public async Task TheDemoHistoryGivesFederationsAWeeklyAndAMonthlyTrendOfStationVisits()
    {
        var wednesday = DateTimeOffset.Parse("2026-11-18T10:00:00+08:00");
        await using var app = await AnalyticsApp.StartAsync(now: wednesday);
        await app.Grains.GetGrain<IStationGrain>("nn-1").Register(new StationInfo(Xingning, "驿站", 22.8, 108.3, true, true, []));
        await app.Grains.GetGrain<IStationGrain>("nn-1").ReportUsage(
            [.. Enumerable.Range(0, 30).Select(back => new DailyUsage(new DateOnly(2026, 11, 18).AddDays(-back), 100))]);
        await Eventually.TrueAsync(async () => (await app.GetAsync<OrgSummary>("/api/v1/orgs/450000")).Totals.StationVisits.Last7Days == 700,
            TimeSpan.FromSeconds(5), "the station's visits in the province");

        await app.Service<Dashboard.Demo.DemoHistory>().WriteAsync(seed: 7);
        var visits = await app.GetAsync<TimeSeries>(
            "/api/v1/orgs/450000/timeseries?measure=totals.stationVisits.last7Days&from=2025-11-18&to=2026-11-18&interval=week");

        Assert.Equal(53, visits.Points.Count);
        Assert.All(visits.Points, p => Assert.True(p.Value > 0, $"no visits in the week of {p.Date}"));
        Assert.InRange(visits.Points[0].Value!.Value, 700 * 0.65 * 0.85, 700 * 0.65 * 1.15);
        Assert.InRange(visits.Points[^2].Value!.Value, 700 * 0.9, 700 * 1.1);
        var monthly = await app.GetAsync<TimeSeries>(
            "/api/v1/orgs/450000/timeseries?measure=totals.stationVisits.last7Days&from=2025-12-01&to=2026-11-18&interval=month");
        Assert.Equal(12, monthly.Points.Count);
        Assert.All(monthly.Points, p => Assert.True(p.Value > 0, $"no visits in the month of {p.Date}"));
    }

    [Fact]
    public async Task TimeSeriesExportsAsCsv()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await app.SetMembersAsync(Xingning, 300, employees: 400);

        var table = await app.GetCsvAsync($"/api/v1/orgs/{Xingning}/timeseries.csv?measure=rates.membership&from=2026-11-19&to=2026-11-20");

        Assert.True(table.HasByteOrderMark);
        Assert.Equal(["代码", "日期", "入会率"], table.Header);
        Assert.Equal([Xingning, "2026-11-20", "0.75"], Assert.Single(table.Rows));
    }

    [Theory]
    [InlineData("measure=totals.nothing", "measure", "rates.membership")]
    [InlineData("measure=attainment.newMembers", "measure", "totals.stationVisits.today")]
    [InlineData("from=2026-11-10&to=2026-11-01", "from", null)]
    [InlineData("from=2020-01-01&to=2026-11-01&interval=day", "from", null)]
    [InlineData("from=1.11.2026", "from", null)]
    [InlineData("interval=year", "interval", "month")]
    public async Task TimeSeriesRejectsBadParametersSayingWhatToFix(string query, string parameter, string? listed)
    {
        await using var app = await AnalyticsApp.StartAsync();

        var (status, problem) = await app.SendAsync(HttpMethod.Get, $"/api/v1/orgs/{Xingning}/timeseries?{query}");

        Assert.Equal(400, status);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (listed is not null)
            Assert.Contains(listed, problem.GetProperty("valid").EnumerateArray().Select(v => v.GetString()));
    }

    private static async Task<long?> StoredMembersAsync(AnalyticsApp app, string day)
    {
        await using var connection = await app.Service<Database>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(totals AS TEXT) FROM org_history WHERE code = '{Xingning}' AND day = '{day}'";
        return await command.ExecuteScalarAsync() is string json ? JsonSerializer.Deserialize<Totals>(json, AnalyticsApp.Json)!.Members : null;
    }

    private static Aggregate Courier(long members) => Aggregate.Of(Figure.Of(1_000, courierMembers: members) with
    {
        NewEmployment = new Dictionary<string, GroupFigures> { ["courier"] = new(members * 4, members) },
    });
}
