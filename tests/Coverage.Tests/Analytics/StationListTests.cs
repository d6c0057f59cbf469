using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Analytics;

public sealed class StationListTests
{
    [Fact]
    public async Task StationsInASubtreeArePagedAndFiltered()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await RegisterAsync(app, "nn-1", "450102", open24h: true, smart: true);
        await RegisterAsync(app, "nn-2", "450102", open24h: false, smart: true);
        await RegisterAsync(app, "nn-3", "450103", open24h: true, smart: false);
        await RegisterAsync(app, "nn-4", "450105", open24h: false, smart: false);
        await RegisterAsync(app, "nn-5", "450100", open24h: true, smart: true);
        await RegisterAsync(app, "lz-1", "450202", open24h: true, smart: true);
        await app.Grains.GetGrain<IStationGrain>("nn-1").ReportUsage([new DailyUsage(new DateOnly(2026, 11, 20), 35)]);
        await Eventually.TrueAsync(async () => (await app.GetAsync<OrgSummary>("/api/v1/orgs/450000")).Totals.Stations == 6,
            TimeSpan.FromSeconds(5), "every station counted up to the province");

        var first = await app.GetAsync<Page<StationSummary>>("/api/v1/orgs/450100/stations?limit=2");
        var rest = await app.GetAsync<Page<StationSummary>>("/api/v1/orgs/450100/stations?limit=10&offset=2");
        var open = await app.GetAsync<Page<StationSummary>>("/api/v1/orgs/450100/stations?open24h=true");
        var smartAndOpen = await app.GetAsync<Page<StationSummary>>("/api/v1/orgs/450100/stations?open24h=true&smart=true");

        Assert.Equal(5, first.Total);
        Assert.Equal(["nn-1", "nn-2"], first.Items.Select(s => s.Id));
        Assert.Equal(35, first.Items[0].Visits.Today);
        Assert.Equal(["nn-3", "nn-4", "nn-5"], rest.Items.Select(s => s.Id));
        Assert.Equal(["nn-1", "nn-3", "nn-5"], open.Items.Select(s => s.Id));
        Assert.Equal(["nn-1", "nn-5"], smartAndOpen.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task StationsExportAsCsv()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await RegisterAsync(app, "nn-1", "450102", open24h: true, smart: false);
        await Eventually.TrueAsync(async () => (await app.GetAsync<OrgSummary>("/api/v1/orgs/450100")).Totals.Stations == 1,
            TimeSpan.FromSeconds(5), "the station counted in its city");

        var table = await app.GetCsvAsync("/api/v1/orgs/450100/stations", byAcceptHeader: true);

        Assert.StartsWith("text/csv", table.ContentType);
        Assert.Equal(["nn-1"], table.Column("编号"));
        Assert.Equal("是", table.Cell(0, "24小时开放"));
        Assert.Equal("饮水、充电", table.Cell(0, "服务设施"));
    }

    private static Task<StationSummary> RegisterAsync(AnalyticsApp app, string id, string org, bool open24h, bool smart) =>
        app.Grains.GetGrain<IStationGrain>(id).Register(new StationInfo(org, $"驿站 {id}", 22.8, 108.3, open24h, smart, ["饮水", "充电"]));

    [Theory]
    [InlineData("open24h=yes", "open24h")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task StationFiltersAndPagingSayWhatToFix(string query, string parameter)
    {
        await using var app = await AnalyticsApp.StartAsync();

        var (status, problem) = await app.SendAsync(HttpMethod.Get, $"/api/v1/orgs/450100/stations?{query}");

        Assert.Equal(400, status);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }
}
