using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class UnitApiTests
{
    private static readonly Encoding Gbk = CodePagesEncodingProvider.Instance.GetEncoding(936)!;

    [Fact]
    public async Task CountyRegistersAUnitThatTakesFiguresAndRollsUp()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var registered = await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0001", new { name = "南宁某快递公司工会", kind = "enterprise" });
        var figures = await CoverageApp.PutFiguresAsync(county, "XN-0001", CoverageApp.Figures(120));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var unit = await CoverageApp.JsonOf(registered);
        Assert.Equal("grassroots", unit.GetProperty("level").GetString());
        Assert.Equal(Xingning, unit.GetProperty("parentCode").GetString());
        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);
        await Eventually.TrueAsync(async () =>
            await CoverageApp.MembersAsync(county, Xingning) == 120,
            TimeSpan.FromSeconds(2), "the county's totals including its unit");
        var children = await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/orgs/{Xingning}/children"));
        Assert.Contains(children.EnumerateArray(), c => c.GetProperty("code").GetString() == "XN-0001");
    }

    [Fact]
    public async Task RenamingAUnitKeepsItsFigures()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0002", new { name = "Old name", kind = "joint" });
        await CoverageApp.PutFiguresAsync(app.Admin, "XN-0002", CoverageApp.Figures(50));

        var renamed = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0002", new { name = "New name", kind = "sector" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var unit = await CoverageApp.JsonOf(renamed);
        Assert.Equal("New name", unit.GetProperty("name").GetString());
        Assert.Equal("sector", unit.GetProperty("kind").GetString());
        Assert.Equal(50, unit.GetProperty("own").GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task UnitCodeOfADivisionOrAnotherCountysUnitIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/units/QX-0001", new { name = "Qingxiu unit", kind = "enterprise" });

        var division = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/450103", new { name = "Impostor", kind = "enterprise" });
        var otherCounty = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/QX-0001", new { name = "Impostor", kind = "enterprise" });

        Assert.Equal(HttpStatusCode.Conflict, division.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherCounty.StatusCode);
        var unit = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/QX-0001"));
        Assert.Equal(Qingxiu, unit.GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task UnitsRegisterOnlyUnderACountyWithAKnownKind()
    {
        await using var app = await CoverageApp.StartAsync();

        var underCity = await app.Admin.PutAsJsonAsync("/api/v1/orgs/450100/units/NN-1", new { name = "Unit", kind = "enterprise" });
        var badKind = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-1", new { name = "Unit", kind = "club" });

        Assert.Contains("not a county", (await CoverageApp.ErrorsAt(underCity, "countyCode"))[0]);
        Assert.Contains("must be one of", (await CoverageApp.ErrorsAt(badKind, "kind"))[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/api/v1/orgs/XN-1")).StatusCode);
    }

    [Fact]
    public async Task CodesEndingInALineBreakAreRefused()
    {
        await using var app = await CoverageApp.StartAsync();

        var unit = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-1%0A", new { name = "Unit", kind = "enterprise" });
        var station = await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-1%0A", new { orgCode = Xingning, name = "Station", lat = 22.8, lon = 108.3 });

        Assert.Equal(HttpStatusCode.BadRequest, unit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, station.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/api/v1/orgs/XN-1%0A")).StatusCode);
    }

    [Fact]
    public async Task RegisteredUnitsSurviveARestart()
    {
        await using var database = await TestDatabase.CreateAsync(Silo.Storage.StorageProvider.Sqlite);
        var settings = database.Settings().ToDictionary();
        await using (var first = await CoverageApp.StartAsync(settings: settings))
            Assert.Equal(HttpStatusCode.Created,
                (await first.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0003", new { name = "Durable", kind = "enterprise" })).StatusCode);

        await using var second = await CoverageApp.StartAsync(settings: settings);

        Assert.Equal("Durable", (await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/orgs/XN-0003"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task CountyCannotRegisterUnitsUnderAnotherCounty()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var response = await county.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/units/QX-0009", new { name = "Not mine", kind = "enterprise" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/api/v1/orgs/QX-0009")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACountyRegistersItsGrassrootsUnionsInOneBatchAndSendingItAgainChangesNothing(Silo.Storage.StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-B0", new { name = "Old name", kind = "joint" });
        object[] units = [.. Enumerable.Range(0, 300).Select(i => new { code = $"XN-B{i}", name = $"兴宁区第{i}基层工会", kind = "enterprise" })];

        var first = await county.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", units);
        var again = await county.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", units);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((299, 1, 0), Counts(await CoverageApp.JsonOf(first)));
        Assert.Equal((0, 0, 300), Counts(await CoverageApp.JsonOf(again)));
        var children = await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/orgs/{Xingning}/children"));
        Assert.Equal(300, children.EnumerateArray().Count(c => c.GetProperty("level").GetString() == "grassroots"));
        Assert.Equal("兴宁区第0基层工会", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-B0"))).GetProperty("name").GetString());
        var audit = await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/audit?orgCode={Xingning}&action=units.batch&limit=1000"));
        Assert.Equal(600, audit.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task AUnitBatchWithABadOrTakenItemRegistersNoneAndNamesEachItem()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/units/QX-0001", new { name = "青秀区单位", kind = "enterprise" });
        object[] invalid =
        [
            new { code = "XN-C1", name = "Good", kind = "enterprise" },
            new { code = "XN-C2", name = "Bad kind", kind = "club" },
            new { code = "XN-C1", name = "Twice", kind = "joint" },
            new { code = "XN C3", name = "Bad code", kind = "sector" },
        ];
        object[] taken =
        [
            new { code = "XN-C1", name = "Good", kind = "enterprise" },
            new { code = "QX-0001", name = "Impostor", kind = "enterprise" },
            new { code = "450103", name = "Impostor", kind = "enterprise" },
        ];

        var refused = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", invalid);
        var conflict = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", taken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("must be one of", (await CoverageApp.ErrorsAt(refused, "[1].kind"))[0]);
        Assert.Contains("already at [0]", (await CoverageApp.ErrorsAt(refused, "[2].code"))[0]);
        Assert.Contains("must be", (await CoverageApp.ErrorsAt(refused, "[3].code"))[0]);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("青秀区单位", (await CoverageApp.ErrorsAt(conflict, "[1].code"))[0]);
        Assert.Contains("county", (await CoverageApp.ErrorsAt(conflict, "[2].code"))[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/api/v1/orgs/XN-C1")).StatusCode);
        Assert.Equal(Qingxiu, (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/QX-0001"))).GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task ACountyImportsItsGrassrootsUnionsFromASpreadsheetAndErrorsNameTheRowAndColumn()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        const string good = "\uFEFFcode,name,kind\r\nXN-S1,\"兴宁区快递行业联合工会, 第一\",joint\r\nXN-S2,南宁中邮物流有限公司工会,enterprise\r\n";
        const string bad = "code,name,kind\nXN-S3,Good,sector\nXN-S4,Bad kind,club\nXN-S3,Twice,joint\n";

        var imported = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", new StringContent(good, Encoding.UTF8, "text/csv"));
        var refused = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", new StringContent(bad, Encoding.UTF8, "text/csv"));
        var notCsv = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", new StringContent(bad, Encoding.UTF8, "text/plain"));

        Assert.Equal((2, 0, 0), Counts(await CoverageApp.JsonOf(imported)));
        Assert.Equal("兴宁区快递行业联合工会, 第一", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-S1"))).GetProperty("name").GetString());
        Assert.Contains("must be one of", (await CoverageApp.ErrorsAt(refused, "rows[3].kind"))[0]);
        Assert.Contains("already at rows[2]", (await CoverageApp.ErrorsAt(refused, "rows[4].code"))[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/v1/orgs/XN-S3")).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notCsv.StatusCode);
    }

    [Fact]
    public async Task AListOfUnitsWithTheExportsChineseColumnsAndKindsIsReadAndItsErrorsNameThoseColumns()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        const string sheet = "代码,名称,类型\nXN-C1,兴宁区网约车司机联合工会,联合基层工会\nXN-C2,南宁某物流有限公司工会,企业工会\n";

        var imported = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", Csv(Encoding.UTF8.GetBytes(sheet), "text/csv"));
        var refused = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import",
            Csv(Encoding.UTF8.GetBytes("代码,名称,类型\nXN-C3,某俱乐部,俱乐部\n"), "text/csv"));

        Assert.Equal((2, 0, 0), Counts(await CoverageApp.JsonOf(imported)));
        Assert.Equal("joint", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-C1"))).GetProperty("kind").GetString());
        Assert.Equal("enterprise", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-C2"))).GetProperty("kind").GetString());
        Assert.Equal("must be one of 企业工会, 联合基层工会, 行业工会, or enterprise, joint, sector as the API names them.",
            (await CoverageApp.ErrorsAt(refused, "rows[2].类型"))[0]);
    }

    [Fact]
    public async Task ASheetThatChineseExcelSavedInGbkIsReadWhenItsCharsetIsNamed()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var sheet = Gbk.GetBytes("code,name,kind\r\nXN-G1,兴宁区外卖送餐员联合工会,joint\r\n");
        var utf8Marked = Encoding.UTF8.GetBytes("\uFEFFcode,name,kind\r\nXN-G2,兴宁区网约车司机联合工会,joint\r\n");

        var imported = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", Csv(sheet, "text/csv; charset=gbk"));
        var markedAsGbk = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", Csv(utf8Marked, "text/csv; charset=GBK"));

        Assert.Equal((1, 0, 0), Counts(await CoverageApp.JsonOf(imported)));
        Assert.Equal((1, 0, 0), Counts(await CoverageApp.JsonOf(markedAsGbk)));
        Assert.Equal("兴宁区外卖送餐员联合工会", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-G1"))).GetProperty("name").GetString());
        Assert.Equal("兴宁区网约车司机联合工会", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-G2"))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AGbkSheetSentWithoutItsCharsetIsRefusedSayingWhichLineAndHowToSendIt()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var sheet = Gbk.GetBytes("code,name,kind\r\nXN-G3,Plain name,joint\r\nXN-G4,兴宁区快递员联合工会,joint\r\n");

        var refused = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import", Csv(sheet, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var error = (await CoverageApp.ErrorsAt(refused, "$"))[0];
        Assert.Contains("is not UTF-8 text: line 3", error);
        Assert.Contains("text/csv; charset=gbk", error);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/v1/orgs/XN-G3")).StatusCode);
    }

    [Fact]
    public async Task AnImportInACharsetItDoesNotReadIsRefusedNamingTheOnesItReads()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var refused = await county.PostAsync($"/api/v1/orgs/{Xingning}/units:import",
            Csv(Encoding.Latin1.GetBytes("code,name,kind\nXN-G5,Café,joint\n"), "text/csv; charset=iso-8859-1"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        var detail = (await CoverageApp.JsonOf(refused)).GetProperty("detail").GetString();
        Assert.Contains("'iso-8859-1'", detail);
        Assert.Contains("utf-8, gbk, gb2312 or gb18030", detail);
        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync("/api/v1/orgs/XN-G5")).StatusCode);
    }

    private static ByteArrayContent Csv(byte[] body, string contentType) =>
        new(body) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType) } };

    private static (int Registered, int Renamed, int Unchanged) Counts(System.Text.Json.JsonElement result) =>
        (result.GetProperty("registered").GetInt32(), result.GetProperty("renamed").GetInt32(), result.GetProperty("unchanged").GetInt32());
}
