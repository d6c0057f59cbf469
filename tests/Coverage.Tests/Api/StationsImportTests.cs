using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class StationsImportTests
{
    private const string Header = "编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施";

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/v1/stations:import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement[]> StationsAsync(HttpClient client) =>
        [.. (await CoverageApp.JsonOf(await client.GetAsync($"/api/v1/orgs/{Xingning}/stations"))).GetProperty("items").EnumerateArray()];

    /// <summary>Asked of the station itself, not of the county's roll-up, which learns of a station a moment after it is written.</summary>
    private static async Task<bool> IsRegisteredAsync(HttpClient client, string stationId)
    {
        var today = Coverage.Contracts.ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        var usage = await client.PostAsJsonAsync($"/api/v1/stations/{stationId}/usage", new[] { new { date = today, visits = 0 } });
        return usage.StatusCode != HttpStatusCode.NotFound;
    }

    private static async Task<(int Registered, int Updated, int Unchanged)> CountsOf(HttpResponseMessage response)
    {
        var json = await CoverageApp.JsonOf(response);
        return (json.GetProperty("registered").GetInt32(), json.GetProperty("updated").GetInt32(), json.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task ACountysStationsExportSentBackWithARowAddedRegistersThatStationAndAChangedRowUpdatesItsStation()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await county.PutAsJsonAsync("/api/v1/stations/xn-01", new
        {
            orgCode = Xingning, name = "朝阳驿站", lat = 22.82, lon = 108.37, open24h = false, smart = false, amenities = new[] { "饮水" },
        });
        string export = "";
        await Eventually.TrueAsync(async () =>
        {
            export = (await (await county.GetAsync($"/api/v1/orgs/{Xingning}/stations.csv")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');
            return export.Contains("xn-01", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(5), "the county's station in its export");

        var added = await ImportAsync(county, export + $"xn-02,民族大道驿站,{Xingning},22.81,108.35,是,否,饮水、充电、休息,,,\r\n");
        var renamed = await ImportAsync(county, $"{Header}\r\nxn-01,朝阳广场驿站,{Xingning},22.82,108.37,否,否,饮水\r\n");

        Assert.Equal((1, 0, 1), await CountsOf(added));
        Assert.Equal((0, 1, 0), await CountsOf(renamed));
        var stations = await StationsAsync(county);
        Assert.Equal("朝阳广场驿站", stations.Single(s => s.GetProperty("id").GetString() == "xn-01").GetProperty("name").GetString());
        var second = stations.Single(s => s.GetProperty("id").GetString() == "xn-02");
        Assert.True(second.GetProperty("open24h").GetBoolean());
        Assert.Equal(["饮水", "充电", "休息"], second.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()));
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit?action=stations.import"));
        Assert.Equal(3, audit.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task AStationsBatchListsEachFaultUnderItsItemAndOnceMendedRegistersEveryStation()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        object Station(string? stationId, double lat) => new { stationId, orgCode = Xingning, name = "驿站", lat, lon = 108.37, smart = true };

        var refused = await county.PostAsJsonAsync("/api/v1/stations:batch", new[] { Station("xn-01", 95), Station("xn-01", 22.8), Station(null, 22.8) });
        var accepted = await county.PostAsJsonAsync("/api/v1/stations:batch", new[] { Station("xn-01", 22.82), Station("xn-02", 22.81) });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("between -90 and 90", (await CoverageApp.ErrorsAt(refused, "[0].lat"))[0]);
        Assert.Contains("already at [0]", (await CoverageApp.ErrorsAt(refused, "[1].stationId"))[0]);
        Assert.Contains("required", (await CoverageApp.ErrorsAt(refused, "[2].stationId"))[0]);
        Assert.Equal((2, 0, 0), await CountsOf(accepted));
        Assert.True(await IsRegisteredAsync(county, "xn-02"));
    }

    [Fact]
    public async Task AStationsSheetWithAFlagItCannotReadAndACityForACountyIsRefusedNamingEachCellAndChangesNothing()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await ImportAsync(app.Admin, $"{Header}\r\n" +
            $"xn-01,朝阳驿站,{Xingning},22.82,108.37,是,否,饮水\r\n" +
            $"xn-02,民族大道驿站,{Xingning},22.81,108.35,全天,否,\r\n" +
            $"nn-01,南宁市驿站,{Nanning},22.80,108.30,否,否,\r\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("是 or 否", (await CoverageApp.ErrorsAt(response, "rows[3].24小时开放"))[0]);
        Assert.Contains("stations belong to a county", (await CoverageApp.ErrorsAt(response, "rows[4].所属组织代码"))[0]);
        Assert.False(await IsRegisteredAsync(app.Admin, "xn-01"));
    }

    [Fact]
    public async Task AStationsSheetPlacingAStationInAnotherCountyIsRefusedWhole()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var response = await ImportAsync(county, $"{Header}\r\n" +
            $"xn-01,朝阳驿站,{Xingning},22.82,108.37,是,否,饮水\r\n" +
            $"qx-01,青秀驿站,{Qingxiu},22.81,108.38,否,否,\r\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Qingxiu, (await CoverageApp.ErrorsAt(response, "rows[3].所属组织代码"))[0]);
        Assert.False(await IsRegisteredAsync(app.Admin, "xn-01"));
    }
}
