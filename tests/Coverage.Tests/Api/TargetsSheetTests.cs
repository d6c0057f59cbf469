using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Contracts;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class TargetsSheetTests
{
    private static readonly int ThisYear = ChinaClock.Today(TimeProvider.System).Year;

    private const string Header = "代码,名称,年度,当前会员人数,当前入会率,新增会员,新增新就业形态会员,会员人数,服务站点数,入会率,建会率,实名认证率,新就业形态入会率";

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/v1/targets:import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<string[]> SheetAsync(HttpClient client, string code, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/orgs/{code}/targets.csv{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Row(string[] sheet, string code) => sheet.Single(r => r.StartsWith(code + ",", StringComparison.Ordinal));

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACityFillsInItsCountiesTargetsSheetAndEachCountyIsHeldToThem(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var city = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "writer"));
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(city, Xingning, CoverageApp.Figures(100))).StatusCode);

        var blank = await SheetAsync(city, Nanning);
        // The sheet as sent back: two counties' rows filled in, a rate as a percentage and a count as a spreadsheet groups it.
        var filled = string.Join("\r\n", blank.Select(row =>
            row.StartsWith(Xingning + ",", StringComparison.Ordinal) ? $"{Xingning},兴宁区,{ThisYear},100,50.0%,30000,,,,85%,,," :
            row.StartsWith(Qingxiu + ",", StringComparison.Ordinal) ? $"{Qingxiu},青秀区,{ThisYear},0,,,,\"1,200\",,,,," : row)) + "\r\n";
        var imported = await ImportAsync(city, filled);
        var again = await ImportAsync(city, filled);

        Assert.Equal(Header, blank[0]);
        Assert.Equal($"{Xingning},兴宁区,{ThisYear},100,50.0%,,,,,,,,", Row(blank, Xingning));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var answer = await CoverageApp.JsonOf(imported);
        Assert.Equal((2, 0), (answer.GetProperty("set").GetInt32(), answer.GetProperty("unchanged").GetInt32()));
        Assert.Equal(2, (await CoverageApp.JsonOf(again)).GetProperty("unchanged").GetInt32());
        var summary = await city.GetFromJsonAsync<OrgSummary>($"/api/v1/orgs/{Xingning}", CoverageApp.Json);
        Assert.Equal(30_000, summary!.Attainment!.Measures["newMembers"].Target);
        Assert.Equal(0.85, summary.Attainment.Measures["membership"].Target, 9);
        var stored = await SheetAsync(city, Nanning);
        Assert.Equal($"{Xingning},兴宁区,{ThisYear},100,50.0%,30000,,,,0.85,,,", Row(stored, Xingning));
        Assert.Equal($"{Qingxiu},青秀区,{ThisYear},0,,,,1200,,,,,", Row(stored, Qingxiu));
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit?action=targets.import"));
        Assert.Equal([Xingning, Qingxiu, Xingning, Qingxiu], audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("orgCode").GetString()));
    }

    [Fact]
    public async Task ACountysKeyCannotSetItsOwnTargetsFromASheetAsItsCitySetsThem()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var response = await ImportAsync(county, $"代码,年度,新增会员\r\n{Xingning},{ThisYear},100\r\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"parent federation '{Nanning}'", (await CoverageApp.ErrorsAt(response, "rows[2].代码"))[0]);
        Assert.Equal($"{Xingning},兴宁区,{ThisYear},0,,,,,,,,,", Row(await SheetAsync(app.Admin, Nanning), Xingning));
    }

    [Fact]
    public async Task ATargetsSheetWithARateAboveOneOrAnUnknownCodeIsRefusedPerCellAndSetsNothing()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await ImportAsync(app.Admin, $"{Header}\r\n{Xingning},兴宁区,{ThisYear},,,,,,,85,,,\r\n" +
            $"459999,,{ThisYear},,,100,,,,,,,\r\n{Qingxiu},青秀区,{ThisYear},,,100,,,,,,,\r\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("is a rate", (await CoverageApp.ErrorsAt(response, "rows[2].入会率"))[0]);
        Assert.Contains("No union organisation", (await CoverageApp.ErrorsAt(response, "rows[3].代码"))[0]);
        Assert.Equal($"{Qingxiu},青秀区,{ThisYear},0,,,,,,,,,", Row(await SheetAsync(app.Admin, Nanning), Qingxiu));
    }

    [Fact]
    public async Task ATargetsBatchListsEachItemsFaultUnderItsPathAndAProvinceSetsItsCitiesInOne()
    {
        await using var app = await CoverageApp.StartAsync();
        var province = app.ClientWithKey(await app.CreateKeyAsync(Guangxi, "writer"));

        var faulty = await province.PostAsJsonAsync("/api/v1/targets:batch", new object[]
        {
            new { code = Nanning, year = 1999, targets = new { newMembers = -1 } },
            new { code = Liuzhou, year = ThisYear, targets = new { } },
            new { code = Nanning, year = ThisYear, targets = new { members = 5 } },
            new { code = Nanning, year = ThisYear, targets = new { members = 6 } },
        });
        var applied = await province.PostAsJsonAsync("/api/v1/targets:batch", new object[]
        {
            new { code = Nanning, year = ThisYear, targets = new { newMembers = 80_000 } },
            new { code = Liuzhou, year = ThisYear + 1, targets = new { membership = 0.9 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, faulty.StatusCode);
        Assert.Contains("plausible", (await CoverageApp.ErrorsAt(faulty, "[0].year"))[0]);
        Assert.Contains("above 0", (await CoverageApp.ErrorsAt(faulty, "[0].targets.newMembers"))[0]);
        Assert.Contains("sets no target", (await CoverageApp.ErrorsAt(faulty, "[1].targets"))[0]);
        Assert.Contains("[2]", (await CoverageApp.ErrorsAt(faulty, "[3].code"))[0]);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal($"{Nanning},南宁市,{ThisYear},0,,80000,,,,,,,", Row(await SheetAsync(province, Guangxi), Nanning));
        Assert.Equal($"{Liuzhou},柳州市,{ThisYear + 1},0,,,,,,0.9,,,", Row(await SheetAsync(province, Guangxi, $"?year={ThisYear + 1}"), Liuzhou));
    }
}
