using System.Net;
using System.Net.Http.Json;
using Coverage.Grains;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class AuthTests
{
    [Fact]
    public async Task WritesWithoutAKeyAreRefused()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await CoverageApp.PutFiguresAsync(app.ClientWithKey(null), Xingning, CoverageApp.Figures(100));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task CountyKeyCannotSetItsOwnTargetsButItsCityKeyCan()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var city = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "writer"));
        var targets = new Dictionary<string, double> { ["newMembers"] = 5_000 };

        var refused = await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/targets/2026", targets);
        var accepted = await city.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/targets/2026", targets);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains($"parent federation '{Nanning}'", await refused.Content.ReadAsStringAsync());
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownKeyIsRefused()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await CoverageApp.PutFiguresAsync(app.ClientWithKey("cov_not-a-real-key"), Xingning, CoverageApp.Figures(100));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ReadsNeedAKeyByDefault()
    {
        await using var app = await CoverageApp.StartAsync();
        var reader = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "reader"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithKey(null).GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"/api/v1/orgs/{Qingxiu}")).StatusCode);
    }

    [Fact]
    public async Task AnonymousReadsWorkWhenAllowed()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "true" });

        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithKey(null).GetAsync($"/api/v1/orgs/{Xingning}/children")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await CoverageApp.PutFiguresAsync(app.ClientWithKey(null), Xingning, CoverageApp.Figures(1))).StatusCode);
    }

    [Fact]
    public async Task RealFiguresNeedAKeyEvenWithTheDemoOn()
    {
        var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using (var silo = await SiloHost.StartAsync(database: database))
            await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(41_000));
        await using var app = await CoverageApp.StartAsync(database: database, settings: new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithKey(null).GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
        var info = await CoverageApp.JsonOf(await app.ClientWithKey(null).GetAsync("/api/v1/info"));
        Assert.False(info.GetProperty("anonymousRead").GetBoolean());
        Assert.False(info.GetProperty("demo").GetBoolean());
    }

    [Fact]
    public async Task CountyKeyCannotWriteSiblingCountyOrItsCity()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(100))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CoverageApp.PutFiguresAsync(county, Qingxiu, CoverageApp.Figures(100))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CoverageApp.PutFiguresAsync(county, Nanning, CoverageApp.Figures(100))).StatusCode);
    }

    [Fact]
    public async Task CityKeyWritesItsCounties()
    {
        await using var app = await CoverageApp.StartAsync();
        var city = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "writer"));

        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(city, Qingxiu, CoverageApp.Figures(100))).StatusCode);
    }

    [Fact]
    public async Task ReaderKeyCannotWrite()
    {
        await using var app = await CoverageApp.StartAsync();
        var reader = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "reader"));

        Assert.Equal(HttpStatusCode.Forbidden, (await CoverageApp.PutFiguresAsync(reader, Xingning, CoverageApp.Figures(100))).StatusCode);
    }

    [Fact]
    public async Task RevokedKeyIsRefusedAtOnceAndToldWhenAndWhoIssuesANewOne()
    {
        await using var app = await CoverageApp.StartAsync();
        var created = await CoverageApp.JsonOf(await app.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "writer" }));
        var id = created.GetProperty("id").GetString();
        var county = app.ClientWithKey(created.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(100))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);

        var refused = await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(200));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await CoverageApp.JsonOf(refused);
        Assert.Equal("Revoked API key", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Matches($@"'{id}' was revoked at \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d UTC", detail);
        Assert.Contains($"Ask an admin of '{Xingning}' (兴宁区) or of an org above it", detail);
        var guessed = await CoverageApp.JsonOf(await CoverageApp.PutFiguresAsync(app.ClientWithKey("cov_not-a-key-of-this-service"), Xingning,
            CoverageApp.Figures(200)));
        Assert.Equal("Unauthorized", guessed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task OnlyAdminsCreateKeysAndOnlyWithinTheirScope()
    {
        await using var app = await CoverageApp.StartAsync();
        var writer = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "writer"));
        var cityAdmin = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "writer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cityAdmin.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "writer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cityAdmin.PostAsJsonAsync("/api/v1/keys", new { orgCode = "450200", role = "writer" })).StatusCode);
    }

    [Fact]
    public async Task KeysAreStoredOnlyAsHashes()
    {
        await using var app = await CoverageApp.StartAsync();
        var secret = await app.CreateKeyAsync(Xingning, "writer");

        await using var connection = await app.Database.Open().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_hash FROM api_keys";
        var stored = (string)(await command.ExecuteScalarAsync())!;
        Assert.NotEqual(secret, stored);
        Assert.Equal(Silo.Keys.ApiKeyStore.Hash(secret), stored);
    }

    [Fact]
    public async Task ABootstrapKeyReloadedTooShortIsRefusedAndOtherKeysGoOn()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var configuration = (IConfigurationRoot)app.Service<IConfiguration>();

        configuration["Auth:BootstrapAdminKey"] = "short";
        configuration.Reload();

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithKey("short").GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(100))).StatusCode);
    }

    [Fact]
    public async Task WritesBeyondTheRateGet429WithRetryAfter()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["RateLimit:WritesPerSecond"] = "1",
            ["RateLimit:Burst"] = "3",
        });
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var other = app.ClientWithKey(await app.CreateKeyAsync(Qingxiu, "writer"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(100))).StatusCode);
        var limited = await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(100));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", (await CoverageApp.JsonOf(limited)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(other, Qingxiu, CoverageApp.Figures(100))).StatusCode);
    }

    [Fact]
    public async Task ReadsWithoutAKeyBeyondTheRateGet429WhileKeyedReadsGoOn()
    {
        await using var app = await CoverageApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymousRead"] = "true",
            ["RateLimit:AnonymousRequestsPerSecond"] = "1",
            ["RateLimit:AnonymousBurst"] = "3",
        });
        var anonymous = app.ClientWithKey(null);
        var reader = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "reader"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await anonymous.GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
        var limited = await anonymous.GetAsync($"/api/v1/orgs/{Xingning}");
        var keyed = await reader.GetAsync($"/api/v1/orgs/{Xingning}");

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Contains("reader key", (await CoverageApp.JsonOf(limited)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
    }
}
