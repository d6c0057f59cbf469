using System.Net;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

/// <summary>One process owns a database: a second one would keep its own copy of every org.</summary>
public sealed class ConflictTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ASecondServerOnTheSameDatabaseRefusesToStartAndTheFirstWritesOn(StorageProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        await using var first = await CoverageApp.StartAsync(database: database);
        await CoverageApp.PutFiguresAsync(first.Admin, "450102", CoverageApp.Figures(100));

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => CoverageApp.StartAsync(provider, settings));
        var written = await CoverageApp.PutFiguresAsync(first.Admin, "450102", CoverageApp.Figures(200));

        Assert.Contains("Another Coverage process is writing to", MessagesOf(refused));
        Assert.Contains("One process owns a database", MessagesOf(refused));
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        Assert.Equal(200, (await CoverageApp.JsonOf(await first.Admin.GetAsync("/api/v1/orgs/450102"))).GetProperty("own").GetProperty("members").GetInt64());
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AServerStartsOnADatabaseOnceTheOneBeforeItHasStopped(StorageProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        await using (var first = await CoverageApp.StartAsync(provider, settings))
            await CoverageApp.PutFiguresAsync(first.Admin, "450102", CoverageApp.Figures(100));

        await using var second = await CoverageApp.StartAsync(database: database);
        var written = await CoverageApp.PutFiguresAsync(second.Admin, "450102", CoverageApp.Figures(300));

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
    }

    private static string MessagesOf(Exception error) => error switch
    {
        AggregateException many => string.Join(" | ", many.InnerExceptions.Select(MessagesOf)),
        { InnerException: { } inner } => $"{error.Message} | {MessagesOf(inner)}",
        _ => error.Message,
    };
}
