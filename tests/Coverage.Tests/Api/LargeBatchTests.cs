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

    [Fact]
    public async Task TheLargestBatchWithFaultsInEveryItemNamesEveryItem()
    {
        await using var app = await CoverageApp.StartAsync();
        var counties = new Silo.Hierarchy.OrgDirectory().All.Where(o => o.Level == Contracts.OrgLevel.County).Select(o => o.Code).ToList();
        var faulty = CoverageApp.Figures(10);
        faulty["members"] = 1_000_000;
        faulty["unitsUnionized"] = 1_000_000;
        var items = Enumerable.Range(0, 10_000).Select(i => new { code = counties[i % counties.Count], figures = faulty }).ToList();

        var response = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await CoverageApp.JsonOf(response)).GetProperty("errors");
        var named = errors.EnumerateObject().Select(e => e.Name.Split('.')[0]).ToHashSet();
        Assert.All(Enumerable.Range(0, 10_000), i => Assert.Contains($"[{i}]", named));
        Assert.Contains("more errors were not listed", errors.GetProperty("$")[0].GetString());
    }
}
