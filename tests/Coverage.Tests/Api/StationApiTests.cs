using System.Net;
using System.Net.Http.Json;
using Coverage.Contracts;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class StationApiTests
{
    private static readonly string Today = ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static async Task<long> CountyVisitsTodayAsync(CoverageApp app) =>
        (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}"))).GetProperty("totals").GetProperty("stationVisits")
            .GetProperty("today").GetInt64();

    private static object Station(string orgCode, double lat = 22.82, double lon = 108.37) => new
    {
        orgCode, name = "朝阳广场户外劳动者服务站", lat, lon, open24h = true, smart = false, amenities = new[] { "water", "charging" },
    };

    [Fact]
    public async Task CountyRegistersAStationAndItsUsageRollsUp()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var registered = await county.PutAsJsonAsync("/api/v1/stations/gx-nn-001", Station(Xingning));
        var usage = await county.PostAsJsonAsync("/api/v1/stations/gx-nn-001/usage", new[] { new { date = Today, visits = 37 } });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, usage.StatusCode);
        Assert.Equal(37, (await CoverageApp.JsonOf(usage)).GetProperty("visits").GetProperty("today").GetInt64());
        await Eventually.TrueAsync(async () =>
        {
            var totals = (await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/orgs/{Xingning}"))).GetProperty("totals");
            return totals.GetProperty("stations").GetInt64() == 1 && totals.GetProperty("stationVisits").GetProperty("today").GetInt64() == 37;
        }, TimeSpan.FromSeconds(2), "the county's station count and visits");
    }

    [Fact]
    public async Task LaterUsageReportForTheSameDayReplaces()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-002", Station(Xingning));
        await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-nn-002/usage", new[] { new { date = Today, visits = 37 } });

        var response = await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-nn-002/usage", new[] { new { date = Today, visits = 40 } });

        Assert.Equal(40, (await CoverageApp.JsonOf(response)).GetProperty("visits").GetProperty("today").GetInt64());
    }

    [Fact]
    public async Task UsageCorrectedToZeroReachesTheCounty()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-006", Station(Xingning));
        await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-nn-006/usage", new[] { new { date = Today, visits = 37 } });
        await Eventually.TrueAsync(async () => await CountyVisitsTodayAsync(app) == 37, TimeSpan.FromSeconds(2), "the county's visits today");

        await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-nn-006/usage", new[] { new { date = Today, visits = 0 } });

        await Eventually.TrueAsync(async () => await CountyVisitsTodayAsync(app) == 0, TimeSpan.FromSeconds(2), "the county's corrected visits today");
    }

    [Fact]
    public async Task StationWithCoordinatesOutOfRangeIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-003", Station(Xingning, lat: 91, lon: -181));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("between -90 and 90", (await CoverageApp.ErrorsAt(response, "lat"))[0]);
        Assert.Contains("between -180 and 180", (await CoverageApp.ErrorsAt(response, "lon"))[0]);
    }

    [Fact]
    public async Task CountyCannotRegisterOrReportForAnotherCountysStation()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-004", Station(Qingxiu));

        Assert.Equal(HttpStatusCode.Forbidden, (await county.PutAsJsonAsync("/api/v1/stations/gx-nn-005", Station(Qingxiu))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PutAsJsonAsync("/api/v1/stations/gx-nn-004", Station(Xingning))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await county.PostAsJsonAsync("/api/v1/stations/gx-nn-004/usage", new[] { new { date = Today, visits = 1 } })).StatusCode);
    }

    [Fact]
    public async Task UsageForAnUnregisteredStationIsA404()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/stations/nowhere/usage", new[] { new { date = Today, visits = 1 } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UsageForAFutureDayIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-006", Station(Xingning));
        var tomorrow = ChinaClock.Today(TimeProvider.System).AddDays(1).ToString("yyyy-MM-dd");

        var response = await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-nn-006/usage", new[] { new { date = tomorrow, visits = 1 } });

        Assert.Contains("today", (await CoverageApp.ErrorsAt(response, "[0].date"))[0]);
    }
}
