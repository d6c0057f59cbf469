using System.Net;
using System.Net.Http.Json;
using Coverage.Contracts;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class StationClosureTests
{
    private static readonly string Today = ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static object Station(string orgCode) => new { orgCode, name = "朝阳广场户外劳动者服务站", lat = 22.82, lon = 108.37, open24h = true, smart = false };

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AClosedStationLeavesItsCountysListAndTotalsAndStaysClosedAfterARestart(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            var county = first.ClientWithKey(await first.CreateKeyAsync(Xingning, "writer"));
            foreach (var id in new[] { "gx-close-1", "gx-close-2" })
            {
                await county.PutAsJsonAsync($"/api/v1/stations/{id}", Station(Xingning));
                await county.PostAsJsonAsync($"/api/v1/stations/{id}/usage", new[] { new { date = Today, visits = 30 } });
            }
            await Eventually.TrueAsync(async () => (await TotalsAsync(county)).Stations == 2, TimeSpan.FromSeconds(2), "both stations counted");

            var closed = await county.DeleteAsync("/api/v1/stations/gx-close-1");
            var usageAfter = await county.PostAsJsonAsync("/api/v1/stations/gx-close-1/usage", new[] { new { date = Today, visits = 5 } });

            Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, usageAfter.StatusCode);
            await Eventually.TrueAsync(async () => await TotalsAsync(county) == (1, 30), TimeSpan.FromSeconds(2), "one station and its visits left");
            var entry = (await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/audit?orgCode={Xingning}&action=stations.delete")))
                .GetProperty("entries").EnumerateArray().Single().GetProperty("payload");
            Assert.Equal(30, entry.GetProperty("closed").GetProperty("visits").GetProperty("today").GetInt64());
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);

        Assert.Equal((1, 30), await TotalsAsync(second.Admin));
        var listed = await CoverageApp.JsonOf(await second.Admin.GetAsync($"/api/v1/orgs/{Xingning}/stations"));
        Assert.Equal(["gx-close-2"], listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.True((await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/admin/consistency"))).GetProperty("consistent").GetBoolean());
        var again = await second.Admin.PutAsJsonAsync("/api/v1/stations/gx-close-1", Station(Xingning));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(0, (await CoverageApp.JsonOf(again)).GetProperty("visits").GetProperty("today").GetInt64());
    }

    [Fact]
    public async Task OnlyAKeyReachingTheStationsCountyClosesItAndAnUnknownStationIsNotFound()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-close-3", Station(Qingxiu));
        var sibling = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var reader = app.ClientWithKey(await app.CreateKeyAsync(Qingxiu, "reader"));

        var bySibling = await sibling.DeleteAsync("/api/v1/stations/gx-close-3");
        var byReader = await reader.DeleteAsync("/api/v1/stations/gx-close-3");
        var unknown = await app.Admin.DeleteAsync("/api/v1/stations/gx-never");

        Assert.Equal(HttpStatusCode.Forbidden, bySibling.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byReader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-close-3/usage", new[] { new { date = Today, visits = 1 } })).StatusCode);
    }

    [Fact]
    public async Task ABatchClosesAllItsStationsOrNoneNamingEachIdNotRegistered()
    {
        await using var app = await CoverageApp.StartAsync();
        foreach (var id in new[] { "gx-b-1", "gx-b-2", "gx-b-3" })
            await app.Admin.PutAsJsonAsync($"/api/v1/stations/{id}", Station(Xingning));

        var refused = await app.Admin.PostAsJsonAsync("/api/v1/stations:batchDelete", new[] { "gx-b-1", "gx-none" });
        var applied = await app.Admin.PostAsJsonAsync("/api/v1/stations:batchDelete", new[] { "gx-b-1", "gx-b-2" });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(["[1]"], (await CoverageApp.JsonOf(refused)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(2, (await CoverageApp.JsonOf(applied)).GetProperty("closed").GetInt32());
        var listed = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}/stations"));
        Assert.Equal(["gx-b-3"], listed.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        await Eventually.TrueAsync(async () => (await TotalsAsync(app.Admin)).Stations == 1, TimeSpan.FromSeconds(2), "one station left in the county");
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/audit?orgCode={Xingning}&action=stations.batchDelete"));
        Assert.Equal(2, audit.GetProperty("entries").GetArrayLength());
    }

    private static async Task<(long Stations, long VisitsToday)> TotalsAsync(HttpClient client)
    {
        var totals = (await CoverageApp.JsonOf(await client.GetAsync($"/api/v1/orgs/{Xingning}"))).GetProperty("totals");
        return (totals.GetProperty("stations").GetInt64(), totals.GetProperty("stationVisits").GetProperty("today").GetInt64());
    }
}
