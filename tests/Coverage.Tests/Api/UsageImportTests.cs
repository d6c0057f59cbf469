using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Contracts;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class UsageImportTests
{
    private static readonly DateOnly Today = ChinaClock.Today(TimeProvider.System);

    private static string Day(int daysAgo) => Today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    private static object Station(string orgCode, string name, bool smart = false) => new
    {
        orgCode, name, lat = 22.82, lon = 108.37, open24h = false, smart, amenities = new[] { "water" },
    };

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/v1/stations/usage:import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<long> VisitsAsync(HttpClient client, string stationId, string window = "last7Days")
    {
        var page = await CoverageApp.JsonOf(await client.GetAsync($"/api/v1/orgs/{Xingning}/stations"));
        return page.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetString() == stationId)
            .GetProperty("visits").GetProperty(window).GetInt64();
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACountyFillsInItsUsageSheetOfStationsThatCountByHandAndEachDayIsReported(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await county.PutAsJsonAsync("/api/v1/stations/xn-01", Station(Xingning, "朝阳驿站"));
        await county.PutAsJsonAsync("/api/v1/stations/xn-02", Station(Xingning, "民族大道驿站"));
        await county.PutAsJsonAsync("/api/v1/stations/xn-03", Station(Xingning, "智能驿站", smart: true));
        await county.PostAsJsonAsync("/api/v1/stations/xn-01/usage", new[] { new { date = Day(1), visits = 12 } });

        string[] sheet = [];
        await Eventually.TrueAsync(async () =>
        {
            var response = await county.GetAsync($"/api/v1/orgs/{Xingning}/usage.csv?days=3");
            sheet = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            return sheet.Length == 3;
        }, TimeSpan.FromSeconds(5), "the county's two stations that count by hand in its usage sheet");
        var filled = $"{sheet[0]}\r\n{sheet[1]}30\r\n{sheet[2]}\"1,204\"\r\n";
        var imported = await ImportAsync(county, filled);

        Assert.Equal($"编号,名称,{Day(2)},{Day(1)},{Day(0)}", sheet[0]);
        Assert.Equal(["xn-01,朝阳驿站,,12,", "xn-02,民族大道驿站,,,"], sheet[1..]);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var answer = await CoverageApp.JsonOf(imported);
        Assert.Equal((2, 3), (answer.GetProperty("stations").GetInt32(), answer.GetProperty("days").GetInt32()));
        Assert.Equal(42, await VisitsAsync(county, "xn-01"));
        Assert.Equal(1204, await VisitsAsync(county, "xn-02", "today"));
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit?action=usage.import"));
        Assert.Equal(["xn-01", "xn-02"], audit.GetProperty("entries").EnumerateArray()
            .Select(e => e.GetProperty("payload").GetProperty("stationId").GetString()).Order());
    }

    [Fact]
    public async Task AUsageSheetWithAVisitCellItCannotReadIsRefusedNamingTheRowAndDayAndChangesNothing()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/xn-01", Station(Xingning, "朝阳驿站"));
        await app.Admin.PutAsJsonAsync("/api/v1/stations/xn-02", Station(Xingning, "民族大道驿站"));

        var response = await ImportAsync(app.Admin, $"编号,名称,{Day(0)}\r\nxn-01,朝阳驿站,30\r\nxn-02,民族大道驿站,约20\r\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("whole number", (await CoverageApp.ErrorsAt(response, $"rows[3].{Day(0)}"))[0]);
        Assert.Equal(0, await VisitsAsync(app.Admin, "xn-01", "today"));
    }

    [Fact]
    public async Task AUsageSheetHeadedWithADayNoLongerKeptOrAColumnOfItsOwnIsRefusedAtThatHeading()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/xn-01", Station(Xingning, "朝阳驿站"));
        var excelsToday = Today.ToString("yyyy/M/d");

        var refused = await ImportAsync(app.Admin, $"编号,备注,{Day(40)},{excelsToday}\r\nxn-01,,5,30\r\n");
        var accepted = await ImportAsync(app.Admin, $"编号,{excelsToday}\r\nxn-01,30\r\n");

        Assert.Contains("neither stationId", (await CoverageApp.ErrorsAt(refused, "rows[1].备注"))[0]);
        Assert.Contains("not a day still kept", (await CoverageApp.ErrorsAt(refused, $"rows[1].{Day(40)}"))[0]);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(30, await VisitsAsync(app.Admin, "xn-01", "today"));
    }

    [Fact]
    public async Task AUsageSheetNamingAnotherCountysStationIsRefusedWhole()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await app.Admin.PutAsJsonAsync("/api/v1/stations/xn-01", Station(Xingning, "朝阳驿站"));
        await app.Admin.PutAsJsonAsync("/api/v1/stations/qx-01", Station(Qingxiu, "青秀驿站"));

        var response = await ImportAsync(county, $"编号,{Day(0)}\r\nxn-01,30\r\nqx-01,8\r\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(Qingxiu, (await CoverageApp.ErrorsAt(response, "rows[3].编号"))[0]);
        Assert.Equal(0, await VisitsAsync(app.Admin, "xn-01", "today"));
    }

    [Fact]
    public async Task AUsageBatchWhoseOnlyFaultIsAnUnregisteredStationIsA404ThatNamesItAndWritesNothing()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync("/api/v1/stations/xn-01", Station(Xingning, "朝阳驿站"));
        var today = new[] { new { date = Day(0), visits = 9 } };

        var response = await app.Admin.PostAsJsonAsync("/api/v1/stations/usage:batch",
            new object[] { new { stationId = "xn-01", usage = today }, new { stationId = "xn-99", usage = today } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("PUT /api/v1/stations/xn-99", (await CoverageApp.ErrorsAt(response, "[1].stationId"))[0]);
        Assert.Equal(0, await VisitsAsync(app.Admin, "xn-01", "today"));
    }

    [Fact]
    public async Task AUsageBatchListsEachFaultUnderItsItemAndDay()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/stations/usage:batch", new object[]
        {
            new { stationId = "xn-01", usage = new[] { new { date = Day(0), visits = -1 } } },
            new { stationId = "xn-01", usage = new[] { new { date = Day(-1), visits = 1 } } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("negative", (await CoverageApp.ErrorsAt(response, "[0].usage[0].visits"))[0]);
        Assert.Contains("already at [0]", (await CoverageApp.ErrorsAt(response, "[1].stationId"))[0]);
        Assert.Contains("today", (await CoverageApp.ErrorsAt(response, "[1].usage[0].date"))[0]);
    }

    [Fact]
    public async Task AUsageSheetOfMoreDaysThanAreKeptIsRefusedNamingTheRange()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}/usage.csv?days=60");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"1 to {Aggregate.VisitDaysKept}", (await CoverageApp.JsonOf(response)).GetProperty("detail").GetString());
    }
}
