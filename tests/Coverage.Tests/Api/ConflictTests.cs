using System.Net;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

public sealed class ConflictTests
{
    [Fact]
    public async Task ASecondServerOnTheSameDatabaseGetsA409InsteadOfOverwriting()
    {
        await using var database = await TestDatabase.CreateAsync(Silo.Storage.StorageProvider.Sqlite);
        var settings = database.Settings().ToDictionary();
        await using var first = await CoverageApp.StartAsync(settings: settings);
        await using var second = await CoverageApp.StartAsync(settings: settings);
        await CoverageApp.PutFiguresAsync(first.Admin, "450102", CoverageApp.Figures(100));
        await second.Admin.GetAsync("/api/v1/orgs/450102");
        await CoverageApp.PutFiguresAsync(first.Admin, "450102", CoverageApp.Figures(200));

        var response = await CoverageApp.PutFiguresAsync(second.Admin, "450102", CoverageApp.Figures(300));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(200, (await CoverageApp.JsonOf(await first.Admin.GetAsync("/api/v1/orgs/450102"))).GetProperty("own").GetProperty("members").GetInt64());
    }
}
