using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Silo.Keys;
using Coverage.Silo.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class KeyListTests
{
    [Fact]
    public async Task AnyKeyCanAskWhoseItIsAndNoKeyIsToldToSendOne()
    {
        await using var app = await CoverageApp.StartAsync();
        var reader = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "reader"));
        var writer = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        using var anonymous = app.ClientWithKey(null);

        var asReader = await CoverageApp.JsonOf(await reader.GetAsync("/api/v1/keys/current"));
        var asWriter = await CoverageApp.JsonOf(await writer.GetAsync("/api/v1/keys/current"));
        var asAdmin = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/keys/current"));
        var withoutKey = await anonymous.GetAsync("/api/v1/keys/current");

        Assert.Equal((Xingning, "兴宁区", "reader"), Owner(asReader));
        Assert.Equal((Xingning, "兴宁区", "writer"), Owner(asWriter));
        Assert.Equal("admin", asAdmin.GetProperty("role").GetString());
        Assert.StartsWith("k_", asWriter.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    private static (string?, string?, string?) Owner(JsonElement key) =>
        (key.GetProperty("orgCode").GetString(), key.GetProperty("orgName").GetString(), key.GetProperty("role").GetString());

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AnAdminListsTheKeysOfItsSubtreeWithoutTheirSecrets(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var writer = await CreateAsync(app, Xingning, "writer");
        var reader = await CreateAsync(app, Qingxiu, "reader");
        var cityAdmin = await CreateAsync(app, Nanning, "admin");
        await CreateAsync(app, Liuzhou, "writer");
        var city = app.ClientWithKey(cityAdmin.GetProperty("key").GetString());

        var listed = await CoverageApp.JsonOf(await city.GetAsync("/api/v1/keys"));

        Assert.Equal(new[] { cityAdmin, writer, reader }.Select(Id).Order(), listed.GetProperty("items").EnumerateArray().Select(Id).Order());
        Assert.Equal(3, listed.GetProperty("total").GetInt32());
        var item = listed.GetProperty("items").EnumerateArray().Single(k => Id(k) == Id(writer));
        Assert.Equal("writer", item.GetProperty("role").GetString());
        Assert.Equal(Xingning, item.GetProperty("orgCode").GetString());
        Assert.True(DateTimeOffset.UtcNow - item.GetProperty("createdAt").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.False(item.TryGetProperty("key", out _));
        Assert.DoesNotContain(writer.GetProperty("key").GetString()!, listed.ToString());
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AnAdminSeesWhenEachKeyWasLastUsedAlsoAfterARestart(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        string usedId, idleId;
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            var used = await CreateAsync(first, Xingning, "writer");
            (usedId, idleId) = (Id(used), Id(await CreateAsync(first, Xingning, "reader")));
            var before = DateTimeOffset.UtcNow.AddSeconds(-1);
            Assert.Equal(HttpStatusCode.OK, (await first.ClientWithKey(used.GetProperty("key").GetString()).GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);

            var listed = LastUses(await CoverageApp.JsonOf(await first.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}")));

            Assert.InRange(listed[usedId]!.Value, before, DateTimeOffset.UtcNow);
            Assert.Null(listed[idleId]);
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);
        var afterRestart = LastUses(await CoverageApp.JsonOf(await second.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}")));

        Assert.NotNull(afterRestart[usedId]);
        Assert.Null(afterRestart[idleId]);
    }

    [Fact]
    public async Task AUseWrittenLaterByAnotherProcessIsKeptAndTheOtherKeysUsesAreStillWritten()
    {
        await using var app = await CoverageApp.StartAsync();
        var (ahead, behind) = (await CreateAsync(app, Xingning, "writer"), await CreateAsync(app, Xingning, "reader"));
        var later = DateTimeOffset.UtcNow.AddDays(1);
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
            await connection.ExecuteAsync("UPDATE api_keys SET last_used_at = @later WHERE id = @id", new { later, id = Id(ahead) });
        foreach (var key in (JsonElement[])[ahead, behind])
            await app.ClientWithKey(key.GetProperty("key").GetString()).GetAsync($"/api/v1/orgs/{Xingning}");

        await app.Services.GetRequiredService<ApiKeyStore>().WriteUsesAsync();

        await using var stored = await app.Services.GetRequiredService<Database>().OpenAsync();
        var uses = (await stored.QueryAsync<(string Id, string? At)>("SELECT id, CAST(last_used_at AS TEXT) FROM api_keys"))
            .ToDictionary(u => u.Id, u => u.At is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(u.At, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(later, uses[Id(ahead)]);
        Assert.NotNull(uses[Id(behind)]);
    }

    private static Dictionary<string, DateTimeOffset?> LastUses(JsonElement listed) => listed.GetProperty("items").EnumerateArray().ToDictionary(
        Id, k => k.GetProperty("lastUsedAt") is { ValueKind: JsonValueKind.String } at ? at.GetDateTimeOffset() : (DateTimeOffset?)null);

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AProvinceListsEveryKeyBelowItFederationsAndDeregisteredUnitsIncluded(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-1", new { name = "南宁某开发区工会", kind = "zone" });
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-K1", new { name = "兴宁区某快递公司工会", kind = "enterprise" });
        var province = await CreateAsync(app, "450000", "admin");
        var county = await CreateAsync(app, Xingning, "writer");
        var zone = await CreateAsync(app, "NN-ZONE-1", "writer");
        var unit = await CreateAsync(app, "XN-K1", "writer");
        await CreateAsync(app, "110101", "writer");
        (await app.Admin.DeleteAsync($"/api/v1/orgs/{Xingning}/units/XN-K1")).EnsureSuccessStatusCode();
        var admin = app.ClientWithKey(province.GetProperty("key").GetString());

        var live = await CoverageApp.JsonOf(await admin.GetAsync("/api/v1/keys"));
        var all = await CoverageApp.JsonOf(await admin.GetAsync("/api/v1/keys?revoked=true"));

        Assert.Equal([Id(province), Id(county), Id(zone)], live.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal([Id(province), Id(county), Id(zone), Id(unit)], all.GetProperty("items").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task ARevokedKeyIsListedOnlyWhenAskedFor()
    {
        await using var app = await CoverageApp.StartAsync();
        var kept = await CreateAsync(app, Xingning, "writer");
        var revoked = await CreateAsync(app, Xingning, "reader");
        await app.Admin.DeleteAsync($"/api/v1/keys/{Id(revoked)}");

        var live = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}"));
        var all = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}&revoked=true"));

        Assert.Equal([Id(kept)], live.GetProperty("items").EnumerateArray().Select(Id));
        var listedRevoked = all.GetProperty("items").EnumerateArray().Single(k => Id(k) == Id(revoked));
        Assert.Equal(JsonValueKind.String, listedRevoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task KeysAreListedOldestFirstOrNewestFirstWhenAsked()
    {
        await using var app = await CoverageApp.StartAsync();
        var first = await CreateAsync(app, Xingning, "writer");
        var second = await CreateAsync(app, Xingning, "reader");

        var oldestFirst = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}"));
        var newestFirst = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}&order=desc&limit=1"));
        var refused = await app.Admin.GetAsync("/api/v1/keys?order=newest");

        Assert.Equal([Id(first), Id(second)], oldestFirst.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal([Id(second)], newestFirst.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task KeysBeyondTheAdminsReachOrHeldByOthersThanAdminsStayHidden()
    {
        await using var app = await CoverageApp.StartAsync();
        var cityAdmin = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "admin"));
        var countyWriter = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        Assert.Equal(HttpStatusCode.Forbidden, (await cityAdmin.GetAsync($"/api/v1/keys?orgCode={Liuzhou}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await countyWriter.GetAsync("/api/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Admin.GetAsync("/api/v1/keys?revoked=maybe")).StatusCode);
    }

    private static async Task<JsonElement> CreateAsync(CoverageApp app, string orgCode, string role) =>
        await CoverageApp.JsonOf(await app.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode, role }));

    private static string Id(JsonElement key) => key.GetProperty("id").GetString()!;
}
