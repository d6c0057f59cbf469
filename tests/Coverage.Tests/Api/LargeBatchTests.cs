using System.Net;
using System.Net.Http.Json;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

[Collection(Isolated.Name)]
public sealed class LargeBatchTests
{
    [Fact]
    public async Task BatchOfEveryCountyIsAppliedAndReachesTheNationalTotal()
    {
        await using var app = await CoverageApp.StartAsync();
        var counties = new Silo.Hierarchy.OrgDirectory().All.Where(o => o.Level == Contracts.OrgLevel.County).Select(o => o.Code).ToList();
        var items = counties.Select(code => new { code, figures = CoverageApp.Figures(10) }).ToList();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/000000"))).GetProperty("totals").GetProperty("members").GetInt64() == 10L * counties.Count,
            TimeSpan.FromSeconds(10), "the national total over every county");
    }
}
