using System.Net;
using System.Net.Http.Json;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Npgsql;

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

    /// <summary>PostgreSQL only: a SQLite claim is a file lock, which a running process never loses.</summary>
    [Fact]
    public async Task AServerThatLostItsClaimWhileDisconnectedStopsWritingUntilItHasItBack()
    {
        if (!TestDatabase.PostgresConfigured())
            return;
        await using var app = await CoverageApp.StartAsync(StorageProvider.PostgreSql);
        await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(100));

        HttpResponseMessage refused, refusedAgain, notReady;
        await using (var other = new NpgsqlConnection(app.Database.ConnectionString))
        {
            // Another process ends the app's writer connection and takes the claim before the app can take it back.
            await other.OpenAsync();
            await using (var takeOver = new NpgsqlCommand("""
                SELECT pg_terminate_backend(pid) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objid = @key
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database());
                SELECT pg_advisory_lock(@key);
                """, other))
            {
                takeOver.Parameters.AddWithValue("key", WriterClaim.AdvisoryLockKey);
                await takeOver.ExecuteNonQueryAsync();
            }
            // The first write may instead find the ended connection, and fails for that.
            refused = await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(200));
            if (refused.StatusCode == HttpStatusCode.ServiceUnavailable && !(await DetailOf(refused)).Contains("Another Coverage process"))
                refused = await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(200));
            // Once the holder is known, the next write and a probe with Kubernetes' default one-second timeout are refused at once.
            using (var probeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
            {
                refusedAgain = await app.Admin.PutAsJsonAsync("/api/v1/orgs/450102/figures", CoverageApp.Figures(200), probeTimeout.Token);
                notReady = await app.Admin.GetAsync("/readyz", probeTimeout.Token);
            }
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", other);
            release.Parameters.AddWithValue("key", WriterClaim.AdvisoryLockKey);
            await release.ExecuteNonQueryAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("Another Coverage process is writing to", await DetailOf(refused));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedAgain.StatusCode);
        Assert.Contains("Another Coverage process is writing to", await DetailOf(refusedAgain));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("Another Coverage process is writing to", await DetailOf(notReady));
        await Eventually.TrueAsync(async () => (await app.Admin.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(10), "ready again");
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(300))).StatusCode);
        Assert.Equal(300, (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450102"))).GetProperty("own").GetProperty("members").GetInt64());
    }

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await CoverageApp.JsonOf(response)).GetProperty("detail").GetString()!;

    private static string MessagesOf(Exception error) => error switch
    {
        AggregateException many => string.Join(" | ", many.InnerExceptions.Select(MessagesOf)),
        { InnerException: { } inner } => $"{error.Message} | {MessagesOf(inner)}",
        _ => error.Message,
    };
}
