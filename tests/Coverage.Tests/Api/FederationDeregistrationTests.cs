using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class FederationDeregistrationTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACityAdminDeregistersAZoneRegisteredByMistakeWhoseFiguresAndKeysGoWithItForGood(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        string secret;
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            var cityAdmin = first.ClientWithKey(await first.CreateKeyAsync(Nanning, "admin"));
            await cityAdmin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-MISTAKE", new { name = "误登记的开发区工会", kind = "zone" });
            secret = (await CoverageApp.JsonOf(await cityAdmin.PostAsJsonAsync("/api/v1/keys", new { orgCode = "NN-MISTAKE", role = "writer" })))
                .GetProperty("key").GetString()!;
            var zone = first.ClientWithKey(secret);
            await CoverageApp.PutFiguresAsync(zone, "NN-MISTAKE", CoverageApp.Figures(700));
            await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(first.Admin, Nanning) == 700, TimeSpan.FromSeconds(2), "the city with its zone");

            var deleted = await cityAdmin.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/NN-MISTAKE");

            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await first.Admin.GetAsync("/api/v1/orgs/NN-MISTAKE")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await CoverageApp.PutFiguresAsync(zone, "NN-MISTAKE", CoverageApp.Figures(800))).StatusCode);
            await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(first.Admin, Nanning) == 0, TimeSpan.FromSeconds(2), "the city without its zone");
            var entry = (await CoverageApp.JsonOf(await first.Admin.GetAsync($"/api/v1/audit?orgCode={Nanning}&action=federations.delete")))
                .GetProperty("entries").EnumerateArray().Single().GetProperty("payload");
            Assert.Equal(("误登记的开发区工会", 700, 1), (entry.GetProperty("name").GetString(),
                entry.GetProperty("lastFigures").GetProperty("members").GetInt32(), entry.GetProperty("revokedKeys").GetArrayLength()));
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);

        Assert.Equal(HttpStatusCode.NotFound, (await second.Admin.GetAsync("/api/v1/orgs/NN-MISTAKE")).StatusCode);
        Assert.Equal(0, await CoverageApp.MembersAsync(second.Admin, Nanning));
        Assert.Equal(HttpStatusCode.Unauthorized,
            (await CoverageApp.PutFiguresAsync(second.ClientWithKey(secret), "NN-MISTAKE", CoverageApp.Figures(800))).StatusCode);
        var elsewhere = await second.Admin.PutAsJsonAsync($"/api/v1/orgs/{Liuzhou}/federations/NN-MISTAKE", new { name = "Taken", kind = "zone" });
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Contains($"deregistered; its code stays with {Nanning}", (await CoverageApp.JsonOf(elsewhere)).GetProperty("detail").GetString());
        var again = await second.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-MISTAKE", new { name = "重新登记的开发区工会", kind = "zone" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await CoverageApp.JsonOf(again)).GetProperty("own").ValueKind);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AZoneWithUnitsOrStationsIsDeregisteredOnlyOnceTheyAreGoneAndTheCityKeepsTheirAuditTrail(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            await first.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2", new { name = "某园区工会", kind = "zone" });
            await first.Admin.PutAsJsonAsync("/api/v1/orgs/NN-ZONE-2/units/NNZ-0002", new { name = "园区某企业工会", kind = "enterprise" });
            await first.Admin.PutAsJsonAsync("/api/v1/stations/nnz-2", new { orgCode = "NN-ZONE-2", name = "园区驿站", lat = 22.8, lon = 108.4 });
            await first.CreateKeyAsync("NNZ-0002", "writer");

            var refused = await first.Admin.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2");
            await first.Admin.DeleteAsync("/api/v1/orgs/NN-ZONE-2/units/NNZ-0002");
            var stillRefused = await first.Admin.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2");
            await first.Admin.DeleteAsync("/api/v1/stations/nnz-2");
            var deleted = await first.Admin.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2");

            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("still has 1 org and 1 station below it", (await CoverageApp.JsonOf(refused)).GetProperty("detail").GetString());
            Assert.Contains("still has 0 orgs and 1 station below it", (await CoverageApp.JsonOf(stillRefused)).GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);

        var actions = (await CoverageApp.JsonOf(await second.Admin.GetAsync($"/api/v1/audit?orgCode={Nanning}")))
            .GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString());
        Assert.Equal(["federations.put", "units.put", "stations.put", "keys.create", "units.delete", "stations.delete", "federations.delete"], actions);
        var keys = await CoverageApp.JsonOf(await second.Admin.GetAsync($"/api/v1/keys?orgCode={Nanning}&revoked=true"));
        Assert.Contains(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("orgCode").GetString() == "NNZ-0002");
        var reused = await second.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/NNZ-0002", new { name = "Taken", kind = "enterprise" });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.True((await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/admin/consistency"))).GetProperty("consistent").GetBoolean());
    }

    [Fact]
    public async Task StationsRegisteredAsTheirZoneIsDeregisteredAreRefusedOrKeepTheZoneNeverLeftBelowAZoneThatIsGone()
    {
        await using var app = await CoverageApp.StartAsync();
        for (var round = 0; round < 6; round++)
        {
            var zone = $"NN-RACE-{round}";
            await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/{zone}", new { name = "竞态园区工会", kind = "zone" });
            var registrations = Enumerable.Range(0, 24).Select(async i =>
            {
                await Task.Delay(i);
                var id = $"race-{round}-{i}";
                var response = await app.Admin.PutAsJsonAsync($"/api/v1/stations/{id}", new { orgCode = zone, name = "园区驿站", lat = 22.8, lon = 108.4 });
                return (Id: id, response.StatusCode);
            }).ToList();
            await Task.Delay(8);

            var deleted = await app.Admin.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/{zone}");

            var answers = await Task.WhenAll(registrations);
            Assert.All(answers, a => Assert.Contains(a.StatusCode, (HttpStatusCode[])[HttpStatusCode.Created, HttpStatusCode.NotFound]));
            var registered = answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Id).Order().ToList();
            if (deleted.StatusCode == HttpStatusCode.NoContent)
            {
                Assert.Empty(registered);
                continue;
            }
            Assert.Equal(HttpStatusCode.Conflict, deleted.StatusCode);
            await Eventually.TrueAsync(async () => (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{zone}/stations"))).GetProperty("items")
                .EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order().SequenceEqual(registered), TimeSpan.FromSeconds(10),
                $"the stations registered below {zone}, which stays");
        }
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task StoredStationsAreCountedByTheOrgTheyNameWhileClosedOnesAreNot(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        foreach (var (id, org) in (IEnumerable<(string, string)>)[("xn-a", Xingning), ("xn-b", Xingning), ("qx-a", Qingxiu)])
            await app.Admin.PutAsJsonAsync($"/api/v1/stations/{id}", new { orgCode = org, name = "驿站", lat = 22.8, lon = 108.4 });
        await app.Admin.DeleteAsync("/api/v1/stations/xn-b");

        var stored = app.Services.GetRequiredService<StoredStations>();

        Assert.Equal((1, 1, 0), (await stored.CountOfAsync(Xingning), await stored.CountOfAsync(Qingxiu), await stored.CountOfAsync(Nanning)));
    }

    [Fact]
    public async Task OnlyAnAdminOfTheParentDeregistersAndOnlyFederationsItRegistered()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-3", new { name = "某园区工会", kind = "zone" });
        var otherCity = app.ClientWithKey(await app.CreateKeyAsync(Liuzhou, "admin"));
        var cityWriter = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "writer"));

        var division = await app.Admin.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/{Xingning}");
        var wrongParent = await app.Admin.DeleteAsync($"/api/v1/orgs/{Liuzhou}/federations/NN-ZONE-3");
        var byOtherCity = await otherCity.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-3");
        var byWriter = await cityWriter.DeleteAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-3");

        Assert.Equal(HttpStatusCode.NotFound, division.StatusCode);
        Assert.Contains("Divisions from the division list are not deregistered", (await CoverageApp.JsonOf(division)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, wrongParent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherCity.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWriter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/api/v1/orgs/NN-ZONE-3")).StatusCode);
    }
}
