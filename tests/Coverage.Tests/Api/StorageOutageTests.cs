using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Coverage.Tests.Api;

[Collection(Isolated.Name)]
public sealed class StorageOutageTests
{
    /// <summary>PostgreSQL only: SQLite is a local file, and no robust way to take it away from a running process was found.</summary>
    [Fact]
    public async Task WritesFailFastWhileTheDatabaseIsAwayAndSucceedAgainWithoutRestart()
    {
        if (!TestDatabase.PostgresConfigured())
            return;
        await using var app = await CoverageApp.StartAsync(StorageProvider.PostgreSql);
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(100))).StatusCode);
        var name = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!;

        await SetConnectionsAllowedAsync(name, allowed: false);
        try
        {
            foreach (var code in new[] { "450102", "450103", "450102" })
            {
                var clock = Stopwatch.StartNew();
                var response = await CoverageApp.PutFiguresAsync(app.Admin, code, CoverageApp.Figures(200));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the 503 took {clock.Elapsed.TotalSeconds:0.0} s");
            }
            var notReady = await app.Admin.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.NotNull(notReady.Headers.RetryAfter);
            var stillThere = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450102"));
            Assert.Equal(100, stillThere.GetProperty("own").GetProperty("members").GetInt64());
        }
        finally
        {
            await SetConnectionsAllowedAsync(name, allowed: true);
        }

        await Eventually.TrueAsync(async () => (await CoverageApp.PutFiguresAsync(app.Admin, "450103", CoverageApp.Figures(300))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), "a write after the database came back");
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(200))).StatusCode);
        var after = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450102"));
        Assert.Equal(200, after.GetProperty("own").GetProperty("members").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task AnOutageIsLoggedOnceForAllTheRequestsItFailsAndItsEndIsLogged()
    {
        if (!TestDatabase.PostgresConfigured())
            return;
        var log = new LogCapture(typeof(StorageOutageLog), typeof(StorageExceptionHandler));
        var handlerAtDebug = new Dictionary<string, string?> { [$"Logging:LogLevel:{typeof(StorageExceptionHandler).FullName}"] = "Debug" };
        await using var app = await CoverageApp.StartAsync(StorageProvider.PostgreSql, handlerAtDebug, services => services.AddSingleton<ILoggerProvider>(log));
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(100))).StatusCode);
        var name = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!;

        await SetConnectionsAllowedAsync(name, allowed: false);
        try
        {
            foreach (var code in new[] { "450102", "450103", "450105", "450102", "450103" })
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await CoverageApp.PutFiguresAsync(app.Admin, code, CoverageApp.Figures(200))).StatusCode);
        }
        finally
        {
            await SetConnectionsAllowedAsync(name, allowed: true);
        }
        await Eventually.TrueAsync(async () => (await CoverageApp.PutFiguresAsync(app.Admin, "450103", CoverageApp.Figures(300))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(10), "a write after the database came back");

        var told = log.Of<StorageOutageLog>();
        Assert.Equal([LogLevel.Warning, LogLevel.Information], told.Select(e => e.Level));
        Assert.IsType<StorageUnavailableException>(told[0].Exception);
        Assert.Contains("Storage answers again", told[1].Message);
        var refused = log.Of<StorageExceptionHandler>();
        Assert.True(refused.Count >= 5, $"{refused.Count} refused requests logged, at least the 5 refused while the database was away expected");
        Assert.All(refused, entry => Assert.Equal(LogLevel.Debug, entry.Level));
    }

    [Fact]
    public async Task ABatchIsRefusedWhole503WhenTheDatabaseIsAway()
    {
        if (!TestDatabase.PostgresConfigured())
            return;
        await using var app = await CoverageApp.StartAsync(StorageProvider.PostgreSql);
        var items = new[] { "450102", "450103" }.Select(code => new { code, figures = CoverageApp.Figures(10) }).ToList();
        await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", items);
        var name = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!;

        await SetConnectionsAllowedAsync(name, allowed: false);
        HttpResponseMessage refused;
        try
        {
            refused = await app.Admin.PostAsJsonAsync("/api/v1/figures:batch",
                new[] { "450102", "450103" }.Select(code => new { code, figures = CoverageApp.Figures(20) }));
        }
        finally
        {
            await SetConnectionsAllowedAsync(name, allowed: true);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        foreach (var code in new[] { "450102", "450103" })
            Assert.Equal(10, (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{code}"))).GetProperty("own").GetProperty("members").GetInt64());
    }

    /// <summary>Takes the database away (no new connections, existing ones ended) or gives it back.</summary>
    private static async Task SetConnectionsAllowedAsync(string database, bool allowed)
    {
        await using var admin = new NpgsqlConnection(TestDatabase.PostgresServer);
        await admin.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", admin))
            await alter.ExecuteNonQueryAsync();
        if (allowed)
            return;
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database", admin);
        terminate.Parameters.AddWithValue("database", database);
        await terminate.ExecuteNonQueryAsync();
    }
}
