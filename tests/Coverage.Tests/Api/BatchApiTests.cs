using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

public sealed class BatchApiTests
{
    private const string CourierHeader =
        "code,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized,courier.workers,courier.members\n";

    private static readonly string[] NanningCounties = ["450102", "450103", "450105", "450107", "450108"];

    private static async Task<long> OwnMembersAsync(CoverageApp app, string code)
    {
        var summary = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{code}"));
        return summary.GetProperty("own").ValueKind == System.Text.Json.JsonValueKind.Null ? -1 : summary.GetProperty("own").GetProperty("members").GetInt64();
    }

    private static async Task<DateTimeOffset> OwnAsOfAsync(CoverageApp app, string code) =>
        (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{code}"))).GetProperty("own").GetProperty("asOf").GetDateTimeOffset();

    private static Task<HttpResponseMessage> ImportAsync(CoverageApp app, string csv) =>
        app.Admin.PostAsync("/api/v1/figures:import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    [Fact]
    public async Task BatchAppliesEveryOrg()
    {
        await using var app = await CoverageApp.StartAsync();
        var items = NanningCounties.Select((code, i) => new { code, figures = CoverageApp.Figures(1000 + i) }).ToList();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, (await CoverageApp.JsonOf(response)).GetProperty("applied").GetInt32());
        for (var i = 0; i < NanningCounties.Length; i++)
            Assert.Equal(1000 + i, await OwnMembersAsync(app, NanningCounties[i]));
    }

    [Fact]
    public async Task BatchWithBadItemsChangesNothingAndListsEveryError()
    {
        await using var app = await CoverageApp.StartAsync();
        var items = NanningCounties.Select(code => (object)new { code, figures = CoverageApp.Figures(1000) }).ToList();
        var tooMany = CoverageApp.Figures(1000);
        tooMany["members"] = 5000;
        items[3] = new { code = NanningCounties[3], figures = tooMany };
        items.Add(new { code = "999999", figures = CoverageApp.Figures(1) });

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("must not exceed employees", (await CoverageApp.ErrorsAt(response, "[3].figures.members"))[0]);
        Assert.Contains("999999", (await CoverageApp.ErrorsAt(response, "[5].code"))[0]);
        foreach (var code in NanningCounties)
            Assert.Equal(-1, await OwnMembersAsync(app, code));
    }

    [Fact]
    public async Task BatchWhoseOnlyFaultIsAnUnknownOrgIsA404ThatNamesIt()
    {
        await using var app = await CoverageApp.StartAsync();
        var items = new[] { NanningCounties[0], "999999" }.Select(code => new { code, figures = CoverageApp.Figures(10) }).ToList();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("999999", (await CoverageApp.ErrorsAt(response, "[1].code"))[0]);
        Assert.Equal(-1, await OwnMembersAsync(app, NanningCounties[0]));
    }

    [Fact]
    public async Task BatchWithAStaleItemChangesNothing()
    {
        await using var app = await CoverageApp.StartAsync();
        var stored = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8));
        await CoverageApp.PutFiguresAsync(app.Admin, NanningCounties[2], CoverageApp.Figures(7, stored));
        var items = NanningCounties.Select(code => new { code, figures = CoverageApp.Figures(1000, stored.AddHours(-1)) }).ToList();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("older than the stored asOf", (await CoverageApp.ErrorsAt(response, "[2].figures.asOf"))[0]);
        Assert.Equal(-1, await OwnMembersAsync(app, NanningCounties[0]));
        Assert.Equal(7, await OwnMembersAsync(app, NanningCounties[2]));
    }

    [Fact]
    public async Task BatchesSentAtOnceApplyOneAfterTheOther()
    {
        await using var app = await CoverageApp.StartAsync();
        var counties = new OrgDirectory().All.Where(o => o.Level == OrgLevel.County && o.ParentCode!.StartsWith("45")).Select(o => o.Code).ToArray();
        var asOf = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8));
        // Every other batch names the orgs in reverse, so batches applied together would each hold orgs the other waits for.
        object Batch(int i) => (i % 2 == 0 ? counties : counties.Reverse())
            .Select(code => new { code, figures = CoverageApp.Figures(1000 * i, asOf) }).ToList();

        var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(() => app.Admin.PostAsJsonAsync("/api/v1/figures:batch", Batch(i)))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var members = await Task.WhenAll(counties.Select(code => OwnMembersAsync(app, code)));
        Assert.Single(members.Distinct());
    }

    [Fact]
    public async Task BatchReachingOutsideTheKeysScopeIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(NanningCounties[0], "writer"));
        var items = NanningCounties.Take(2).Select(code => new { code, figures = CoverageApp.Figures(10) }).ToList();

        var response = await county.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("outside the scope", (await CoverageApp.ErrorsAt(response, "[1].code"))[0]);
        Assert.Equal(-1, await OwnMembersAsync(app, NanningCounties[0]));
    }

    [Fact]
    public async Task BatchReachingOutsideTheKeysScopeWithAnotherFaultIsThe400ThatListsBoth()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(NanningCounties[0], "writer"));
        var faulty = CoverageApp.Figures(10);
        faulty["members"] = -1;

        var response = await county.PostAsJsonAsync("/api/v1/figures:batch",
            new object[] { new { code = NanningCounties[0], figures = faulty }, new { code = NanningCounties[1], figures = CoverageApp.Figures(10) } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("negative", (await CoverageApp.ErrorsAt(response, "[0].figures.members"))[0]);
        Assert.Contains("outside the scope", (await CoverageApp.ErrorsAt(response, "[1].code"))[0]);
    }

    [Fact]
    public async Task BatchNamingAnOrgTwiceIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        var items = new[] { new { code = "450102", figures = CoverageApp.Figures(1) }, new { code = "450102", figures = CoverageApp.Figures(2) } };

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("more than once", (await CoverageApp.ErrorsAt(response, "[1].code"))[0]);
    }

    [Fact]
    public async Task CsvImportHandlesBomQuotesAndCrlf()
    {
        await using var app = await CoverageApp.StartAsync();
        var csv = "\uFEFFcode,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized,courier.workers,courier.members,\"foodDelivery.workers\",foodDelivery.members\r\n" +
                  "450102,2026-11-20T09:30:00+08:00,52000,41000,36000,1800,1500,2100,1300,,\r\n" +
                  "\"450103\",\"2026-11-20T09:30:00+08:00\",\"1000\",900,800,10,5,,,300,30\r\n";

        var response = await ImportAsync(app, csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(41_000, await OwnMembersAsync(app, "450102"));
        var qingxiu = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450103"));
        Assert.Equal(30, qingxiu.GetProperty("own").GetProperty("newEmployment").GetProperty("foodDelivery").GetProperty("members").GetInt64());
        Assert.False(qingxiu.GetProperty("own").GetProperty("newEmployment").TryGetProperty("courier", out _));
    }

    [Fact]
    public async Task ACsvCellWithDigitsGroupedByCommasReadsAsTheNumberAndAnyOtherCommaIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        var grouped = CourierHeader + "450102,2026-11-20T09:30:00+08:00,\"1,052,000\",\"41,000\",\"36,000\",\"1,800\",\"1,500\",\"2,100\",\"1,300\"\n";
        var misplaced = CourierHeader + "450103,2026-11-20T09:30:00+08:00,\"1,5\",1,1,1,1,,\n";

        var applied = await ImportAsync(app, grouped);
        var refused = await ImportAsync(app, misplaced);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var own = (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450102"))).GetProperty("own");
        Assert.Equal(1_052_000, own.GetProperty("employees").GetInt64());
        Assert.Equal(1_300, own.GetProperty("newEmployment").GetProperty("courier").GetProperty("members").GetInt64());
        Assert.Contains("whole number", (await CoverageApp.ErrorsAt(refused, "rows[2].employees"))[0]);
    }

    [Fact]
    public async Task AnAsOfAsASpreadsheetWritesItIsReadAsChinaTimeAndOneItCannotReadIsToldTheFormsItCan()
    {
        await using var app = await CoverageApp.StartAsync();
        var csv = CourierHeader +
                  "450102,2026/11/20 9:30,52000,41000,36000,1800,1500,,\n" +
                  "450103,2026/11/21,1000,900,800,10,5,,\n" +
                  "450105,2026-11-20T09:30:00Z,1000,900,800,10,5,,\n";

        var response = await ImportAsync(app, csv);
        var garbled = await ImportAsync(app, CourierHeader + "450107,20.11.2026 9:30,1000,900,800,10,5,,\n");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8)), await OwnAsOfAsync(app, "450102"));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(8)), await OwnAsOfAsync(app, "450103"));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), await OwnAsOfAsync(app, "450105"));
        Assert.Contains("like 2026/11/20 9:30", (await CoverageApp.ErrorsAt(garbled, "rows[2].asOf"))[0]);
    }

    [Fact]
    public async Task ASheetHeadedWithTheExportsChineseNamesIsReadAndItsErrorsNameThoseColumns()
    {
        await using var app = await CoverageApp.StartAsync();
        const string header = "代码,截至时间,职工人数,会员人数,实名认证会员,应建会单位数,已建会单位数,快递员人数,快递员会员\n";

        var applied = await ImportAsync(app, header + "450102,2026-11-20T09:30:00+08:00,52000,41000,36000,1800,1500,2100,1300\n");
        var refused = await ImportAsync(app, header + "450103,2026-11-20T09:30:00+08:00,100,200,50,10,5,,\n");
        var lacking = await ImportAsync(app, "代码,截至时间,职工人数,实名认证会员,应建会单位数,已建会单位数\n450103,2026-11-20T09:30:00+08:00,1,1,1,1\n");

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var own = (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450102"))).GetProperty("own");
        Assert.Equal(41_000, own.GetProperty("members").GetInt64());
        Assert.Equal(1_300, own.GetProperty("newEmployment").GetProperty("courier").GetProperty("members").GetInt64());
        Assert.Contains("must not exceed employees", (await CoverageApp.ErrorsAt(refused, "rows[2].会员人数"))[0]);
        Assert.Contains(await CoverageApp.ErrorsAt(lacking, "rows[1]"), error => error.Contains("has no column 'members' (or '会员人数')"));
    }

    [Fact]
    public async Task CsvImportErrorsNameTheRowAndColumn()
    {
        await using var app = await CoverageApp.StartAsync();
        var csv = CourierHeader +
                  "450102,2026-11-20T09:30:00+08:00,52000,41000,36000,1800,1500,2100,1300\n" +
                  "450103,2026-11-20T09:30:00+08:00,100,abc,50,10,5,10,20\n";

        var response = await ImportAsync(app, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var members = (await CoverageApp.ErrorsAt(response, "rows[3].members"))[0];
        Assert.Contains("whole number", members);
        Assert.Contains("'abc'", members);
        Assert.Contains("must not exceed workers", (await CoverageApp.ErrorsAt(response, "rows[3].courier.members"))[0]);
        Assert.Equal(-1, await OwnMembersAsync(app, "450102"));
    }

    [Fact]
    public async Task ACsvRowShortOfCellsNamesTheFirstColumnItLacks()
    {
        await using var app = await CoverageApp.StartAsync();
        var csv = CourierHeader +
                  "450102,2026-11-20T09:30:00+08:00,52000,41000,36000,1800,1500,2100\n" +
                  "450103,2026-11-20T09:30:00+08:00,100,50,50,10,5,10,5,7\n";

        var response = await ImportAsync(app, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ends after 8 fields", (await CoverageApp.ErrorsAt(response, "rows[2].courier.members"))[0]);
        Assert.Contains("after column 'courier.members'", (await CoverageApp.ErrorsAt(response, "rows[3]"))[0]);
        Assert.Equal(-1, await OwnMembersAsync(app, "450102"));
    }

    [Fact]
    public async Task CsvWithAnUnknownColumnOrAnOpenQuoteIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        var unknown = "code,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized,astronaut.workers\n";
        var open = "code,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized\n\"450102,2026-11-20T09:30:00+08:00,1,1,1,1,1\n";

        var first = await ImportAsync(app, unknown);
        var second = await ImportAsync(app, open);

        Assert.Contains("not a known column", (await CoverageApp.ErrorsAt(first, "rows[1].astronaut.workers"))[0]);
        Assert.Contains("never closed", (await CoverageApp.ErrorsAt(second, "line 2"))[0]);
    }

    [Fact]
    public async Task ACsvLongerThanABatchCountsItsRowsBelowTheHeader()
    {
        await using var app = await CoverageApp.StartAsync();
        static string Rows(int count) => "code,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized\n" + string.Concat(Enumerable.Range(0, count).Select(i => $"G{i},2026-11-20T09:30:00+08:00,1,1,1,1,1\n"));

        var tooLong = await ImportAsync(app, Rows(10_001));
        var full = await ImportAsync(app, Rows(10_000));

        Assert.Equal(["has more than 10000 rows below the header; split the file."], await CoverageApp.ErrorsAt(tooLong, "$"));
        Assert.Equal(HttpStatusCode.NotFound, full.StatusCode);
    }

    [Fact]
    public async Task ImportOtherThanCsvIsRefusedWithA415()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:import", new[] { new { code = "450102" } });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task EveryItemOfAnAcceptedBatchIsAudited(Silo.Storage.StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var items = NanningCounties.Select((code, i) => new { code, figures = CoverageApp.Figures(1000 + i) }).ToList();

        await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        var entries = (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit"))).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "figures.batch").ToList();
        Assert.Equal(NanningCounties.Order(), entries.Select(e => e.GetProperty("orgCode").GetString()).Order());
        Assert.Equal(1004, entries.Single(e => e.GetProperty("orgCode").GetString() == NanningCounties[4])
            .GetProperty("payload").GetProperty("figures").GetProperty("members").GetInt64());
    }
}
