using System.Net;
using System.Net.Http.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Demo;
using Coverage.Grains;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Demo;

public sealed class DemoTargetsTests
{
    [Fact]
    public async Task TheDemoSetsItsProvincesCitiesAndCountiesThisYearsTargetsAndLeavesTargetsAlreadySetAlone()
    {
        await using var app = await CoverageApp.StartAsync();
        var year = ChinaClock.Today(TimeProvider.System).Year;
        await app.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(40_000));
        await app.Grains.GetGrain<IOrgGrain>(Qingxiu).SetFigures(Figure.Of(20_000));
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/targets/{year}", new { members = 25_000 })).StatusCode);
        await Eventually.TrueAsync(async () => (await app.Grains.GetGrain<IOrgGrain>(Nanning).GetSummary()).Totals.Members == 60_000,
            TimeSpan.FromSeconds(5), "Nanning counts both counties");

        var set = await app.Service<DemoTargets>().SetAsync(seed: 7);

        var children = await app.Admin.GetFromJsonAsync<OrgSummary[]>($"/api/v1/orgs/{Nanning}/children", CoverageApp.Json);
        var xingning = children!.Single(c => c.Code == Xingning).Attainment!.Measures;
        Assert.InRange(xingning["newMembers"].Target, 1_200, 3_600);
        Assert.InRange(xingning["membership"].Target, 0.46, 0.56);
        Assert.Equal(["members"], children!.Single(c => c.Code == Qingxiu).Attainment!.Measures.Keys);
        var nanning = await app.Admin.GetFromJsonAsync<OrgSummary>($"/api/v1/orgs/{Nanning}", CoverageApp.Json);
        Assert.InRange(nanning!.Attainment!.Measures["newMembers"].Target, 1_800, 5_400);
        Assert.Equal(3, set);
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit?action=targets.put"));
        Assert.Single(audit.GetProperty("entries").EnumerateArray());
    }
}
