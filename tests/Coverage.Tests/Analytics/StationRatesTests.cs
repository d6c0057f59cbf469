using System.Text.Json;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Analytics;

public sealed class StationRatesTests
{
    private static readonly DateTimeOffset Wednesday = DateTimeOffset.Parse("2026-11-18T10:00:00+08:00");

    [Fact]
    public async Task VisitsPerStationAndStationsPerTenThousandWorkersAreTakenFromSumsNotAveraged()
    {
        await using var app = await StartWithStationsAsync();

        var xingning = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}");
        var qingxiu = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Qingxiu}");
        var nanning = await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Nanning}");

        Assert.Equal((35.0, 2.0), (xingning.Rates.VisitsPerStation, xingning.Rates.StationsPer10kNewEmployment));
        Assert.Equal((7.0, 0.5), (qingxiu.Rates.VisitsPerStation, qingxiu.Rates.StationsPer10kNewEmployment));
        Assert.Equal(77.0 / 3, nanning.Rates.VisitsPerStation!.Value, 9);
        Assert.Equal(1.0, nanning.Rates.StationsPer10kNewEmployment!.Value, 9);
    }

    [Fact]
    public async Task CountiesRankAndExportByStationsPerTenThousandWorkers()
    {
        await using var app = await StartWithStationsAsync();

        var ranked = await app.GetAsync<OrgSummary[]>($"/api/v1/orgs/{Nanning}/children?sort=rates.stationsPer10kNewEmployment&order=asc");
        var export = await app.GetCsvAsync($"/api/v1/orgs/{Nanning}/children.csv");
        var catalogue = (await app.GetAsync<JsonElement>("/api/v1/measures")).EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);

        Assert.Equal([Qingxiu, Xingning], ranked.Where(c => c.Rates.StationsPer10kNewEmployment is not null).Select(c => c.Code));
        var row = export.Column("代码").ToList().IndexOf(Xingning);
        Assert.Equal("2", export.Cell(row, "每万名新就业形态劳动者站点数"));
        Assert.Equal("35", export.Cell(row, "站均服务人次(近7日)"));
        Assert.Equal("number", catalogue["rates.visitsPerStation"].GetProperty("unit").GetString());
        Assert.True(catalogue["rates.stationsPer10kNewEmployment"].GetProperty("hasHistory").GetBoolean());
    }

    [Fact]
    public async Task AnOrgWithoutStationsOrWorkersHasNoStationRates()
    {
        await using var app = await AnalyticsApp.StartAsync(now: Wednesday);
        await app.SetMembersAsync(Xingning, 1_000);

        var rates = (await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Xingning}")).Rates;

        Assert.Null(rates.VisitsPerStation);
        Assert.Null(rates.StationsPer10kNewEmployment);
    }

    /// <summary>
    /// 兴宁区: 10,000 new-employment workers, two stations, 70 visits this week at one of them; 青秀区: 20,000 workers, one
    /// station with 7 visits.
    /// </summary>
    private static async Task<AnalyticsApp> StartWithStationsAsync()
    {
        var app = await AnalyticsApp.StartAsync(now: Wednesday);
        await app.SetMembersAsync(Xingning, 20_000, courierMembers: 5_000);
        await app.SetMembersAsync(Qingxiu, 30_000, courierMembers: 10_000);
        await RegisterAsync(app, "xn-1", Xingning, Enumerable.Range(0, 7).Select(back => new DailyUsage(new DateOnly(2026, 11, 18).AddDays(-back), 10)));
        await RegisterAsync(app, "xn-2", Xingning, []);
        await RegisterAsync(app, "qx-1", Qingxiu, [new DailyUsage(new DateOnly(2026, 11, 17), 7)]);
        await Eventually.TrueAsync(async () => (await app.GetAsync<OrgSummary>($"/api/v1/orgs/{Nanning}")).Totals is { Stations: 3, StationVisits.Last7Days: 77 },
            TimeSpan.FromSeconds(5), "the three stations and their visits in the city");
        return app;
    }

    private static async Task RegisterAsync(AnalyticsApp app, string id, string county, IEnumerable<DailyUsage> usage)
    {
        var station = app.Grains.GetGrain<IStationGrain>(id);
        await station.Register(new StationInfo(county, $"驿站 {id}", 22.8, 108.3, true, true, []));
        if (usage.ToList() is { Count: > 0 } days)
            await station.ReportUsage(days);
    }
}
