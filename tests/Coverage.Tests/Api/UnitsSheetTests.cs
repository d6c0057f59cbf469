using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class UnitsSheetTests
{
    [Fact]
    public async Task ACountysUnitsSheetSentBackUnchangedChangesNothingAndARowAddedRegistersThatUnit()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-U1", new { name = "兴宁区快递行业联合工会", kind = "joint" });
        await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-U2", new { name = "兴宁区某物流企业工会", kind = "enterprise" });

        var sheet = await county.GetAsync($"/api/v1/orgs/{Xingning}/units.csv");
        var text = (await sheet.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var resent = await ImportAsync(county, text);
        var added = await ImportAsync(county, text + "XN-U3,兴宁区外卖配送行业工会,行业工会\r\n");

        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        Assert.Equal(["代码,名称,类型", "XN-U1,兴宁区快递行业联合工会,联合基层工会", "XN-U2,兴宁区某物流企业工会,企业工会"],
            text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, (await CoverageApp.JsonOf(resent)).GetProperty("unchanged").GetInt32());
        Assert.Equal(1, (await CoverageApp.JsonOf(added)).GetProperty("registered").GetInt32());
        Assert.Equal("sector", (await CoverageApp.JsonOf(await county.GetAsync("/api/v1/orgs/XN-U3"))).GetProperty("kind").GetString());
    }

    [Fact]
    public async Task AUnitsSheetOfACityIsRefusedNamingWhereUnitsAreRegistered()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.GetAsync($"/api/v1/orgs/{Nanning}/units.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("registered under a county", (await CoverageApp.JsonOf(response)).GetProperty("detail").GetString());
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string csv) =>
        client.PostAsync($"/api/v1/orgs/{Xingning}/units:import", new StringContent(csv, Encoding.UTF8, "text/csv"));
}
