using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class FiguresSheetTests
{
    private static readonly DateTimeOffset Stored = new(2026, 11, 20, 9, 30, 12, 345, TimeSpan.FromHours(8));

    [Fact]
    public async Task ACountysSheetSentBackUnchangedChangesNothingAndFilledInUpdatesWhatWasFilledIn()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-S1", new { name = "兴宁区快递行业联合工会", kind = "joint" });
        await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-S2", new { name = "兴宁区某物流企业工会", kind = "enterprise" });
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(41_000, Stored, courierMembers: 1_300));
        await CoverageApp.PutFiguresAsync(county, "XN-S1", CoverageApp.Figures(80, Stored, courierMembers: 20));
        var versions = (await VersionAsync(county, Xingning), await VersionAsync(county, "XN-S1"));

        var sheet = await county.GetAsync($"/api/v1/orgs/{Xingning}/figures.csv");
        var lines = (await sheet.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var resent = await ImportAsync(county, string.Join("\r\n", lines));

        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.StartsWith("代码,名称,截至时间,职工人数,会员人数,实名认证会员,应建会单位数,已建会单位数,", lines[0]);
        Assert.Contains("快递员人数,快递员会员", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("XN-S2,兴宁区某物流企业工会,,,", Assert.Single(lines, l => l.StartsWith("XN-S2,", StringComparison.Ordinal)));
        Assert.Equal(2, (await CoverageApp.JsonOf(resent)).GetProperty("applied").GetInt32());
        Assert.Equal(versions, (await VersionAsync(county, Xingning), await VersionAsync(county, "XN-S1")));

        var header = lines[0].Split(',');
        var unit = lines.Single(l => l.StartsWith("XN-S1,", StringComparison.Ordinal)).Split(',');
        unit[Array.IndexOf(header, "截至时间")] = "2026/11/21 10:00";
        unit[Array.IndexOf(header, "会员人数")] = "90";
        var filledIn = await ImportAsync(county, string.Join("\r\n", lines[0], string.Join(',', unit), lines.Single(l => l.StartsWith("XN-S2,", StringComparison.Ordinal))));

        Assert.Equal(1, (await CoverageApp.JsonOf(filledIn)).GetProperty("applied").GetInt32());
        var own = (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-S1"))).GetProperty("own");
        Assert.Equal(90, own.GetProperty("members").GetInt64());
        Assert.Equal(20, own.GetProperty("newEmployment").GetProperty("courier").GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task ASheetWithNoFiguresFilledInIsRefusedSayingSo()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var sheet = await (await county.GetAsync($"/api/v1/orgs/{Xingning}/figures.csv")).Content.ReadAsStringAsync();
        var resent = await ImportAsync(county, sheet);

        Assert.Equal(HttpStatusCode.BadRequest, resent.StatusCode);
        Assert.Contains("no row with figures filled in", (await CoverageApp.ErrorsAt(resent, "$"))[0]);
    }

    [Fact]
    public async Task ASiblingCountysSheetIsOutsideTheKeysScope()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "false" });
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var sibling = await county.GetAsync($"/api/v1/orgs/{Qingxiu}/figures.csv");

        Assert.Equal(HttpStatusCode.Forbidden, sibling.StatusCode);
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv) =>
        client.PostAsync("/api/v1/figures:import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<long> VersionAsync(HttpClient client, string code) =>
        (await CoverageApp.JsonOf(await client.GetAsync($"/api/v1/orgs/{code}"))).GetProperty("version").GetInt64();
}
