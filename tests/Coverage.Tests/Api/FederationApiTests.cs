using System.Net;
using System.Net.Http.Json;
using Dapper;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class FederationApiTests
{
    [Fact]
    public async Task CityAdminRegistersADevelopmentZoneThatTakesFiguresUnitsAndStationsAndRollsUp()
    {
        await using var app = await CoverageApp.StartAsync();
        var cityAdmin = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "admin"));

        var registered = await cityAdmin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-1", new { name = "南宁某开发区工会", kind = "zone" });
        var issued = await cityAdmin.PostAsJsonAsync("/api/v1/keys", new { orgCode = "NN-ZONE-1", role = "writer" });
        var zone = app.ClientWithKey((await CoverageApp.JsonOf(issued)).GetProperty("key").GetString());
        var figures = await CoverageApp.PutFiguresAsync(zone, "NN-ZONE-1", CoverageApp.Figures(700));
        var unit = await zone.PutAsJsonAsync("/api/v1/orgs/NN-ZONE-1/units/NNZ-0001", new { name = "园区某企业工会", kind = "enterprise" });
        var unitFigures = await CoverageApp.PutFiguresAsync(zone, "NNZ-0001", CoverageApp.Figures(50));
        var station = await zone.PutAsJsonAsync("/api/v1/stations/nnz-1", new { orgCode = "NN-ZONE-1", name = "园区驿站", lat = 22.8, lon = 108.4 });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var summary = await CoverageApp.JsonOf(registered);
        Assert.Equal(("county", "zone", Nanning), (summary.GetProperty("level").GetString(), summary.GetProperty("kind").GetString(),
            summary.GetProperty("parentCode").GetString()));
        Assert.Equal("/api/v1/orgs/NN-ZONE-1", registered.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);
        Assert.Equal(HttpStatusCode.Created, unit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unitFigures.StatusCode);
        Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        var before = await CoverageApp.MembersAsync(app.Admin, Liuzhou);
        await Eventually.TrueAsync(async () =>
        {
            var city = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Nanning}"));
            return city.GetProperty("totals").GetProperty("members").GetInt64() == 750 && city.GetProperty("totals").GetProperty("stations").GetInt64() == 1;
        }, TimeSpan.FromSeconds(2), "the city's totals including its zone, the zone's unit and its station");
        var children = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Nanning}/children"));
        Assert.Contains(children.EnumerateArray(), c => c.GetProperty("code").GetString() == "NN-ZONE-1");
        Assert.Equal(0, before);
    }

    [Fact]
    public async Task AnIndustryUnionUnderTheNationalFederationIsAProvinceLevelOrgWithFederationsOfItsOwn()
    {
        await using var app = await CoverageApp.StartAsync();

        var industry = await app.Admin.PutAsJsonAsync("/api/v1/orgs/000000/federations/RAIL", new { name = "某产业工会", kind = "industry" });
        var bureau = await app.Admin.PutAsJsonAsync("/api/v1/orgs/RAIL/federations/RAIL-NN", new { name = "某产业工会南宁分会", kind = "industry" });
        var section = await app.Admin.PutAsJsonAsync("/api/v1/orgs/RAIL-NN/federations/RAIL-NN-1", new { name = "某产业工会南宁第一分会", kind = "industry" });
        await CoverageApp.PutFiguresAsync(app.Admin, "RAIL-NN-1", CoverageApp.Figures(900));

        Assert.Equal("province", (await CoverageApp.JsonOf(industry)).GetProperty("level").GetString());
        Assert.Equal("city", (await CoverageApp.JsonOf(bureau)).GetProperty("level").GetString());
        Assert.Equal("county", (await CoverageApp.JsonOf(section)).GetProperty("level").GetString());
        await Eventually.TrueAsync(async () =>
            await CoverageApp.MembersAsync(app.Admin, "000000") == 900,
            TimeSpan.FromSeconds(2), "the nation's totals including the industry union's");
        var provinces = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/000000/children"));
        Assert.Equal(32, provinces.GetArrayLength());
        Assert.Equal("industry", provinces.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "RAIL").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task OnlyAnAdminWhoseKeyReachesTheParentRegistersAFederation()
    {
        await using var app = await CoverageApp.StartAsync();
        var cityWriter = app.ClientWithKey(await app.CreateKeyAsync(Nanning, "writer"));
        var otherCityAdmin = app.ClientWithKey(await app.CreateKeyAsync(Liuzhou, "admin"));
        var zone = new { name = "南宁某开发区工会", kind = "zone" };

        var byWriter = await cityWriter.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2", zone);
        var byOtherCity = await otherCityAdmin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2", zone);
        var anonymous = await app.ClientWithKey(null).PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-2", zone);

        Assert.Equal(HttpStatusCode.Forbidden, byWriter.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherCity.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync("/api/v1/orgs/NN-ZONE-2")).StatusCode);
    }

    [Fact]
    public async Task ACountyHasNoFederationsBelowItAndAKindMustBeZoneOrIndustry()
    {
        await using var app = await CoverageApp.StartAsync();

        var underCounty = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/federations/XN-ZONE", new { name = "Zone", kind = "zone" });
        var badKind = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-3", new { name = "Zone", kind = "enterprise" });
        var badCode = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN%20ZONE", new { name = "Zone", kind = "zone" });

        Assert.Contains("has no federations below it", (await CoverageApp.ErrorsAt(underCounty, "parentCode"))[0]);
        Assert.Contains("must be one of zone, industry", (await CoverageApp.ErrorsAt(badKind, "kind"))[0]);
        Assert.NotEmpty(await CoverageApp.ErrorsAt(badCode, "code"));
        foreach (var code in new[] { "XN-ZONE", "NN-ZONE-3" })
            Assert.Equal(HttpStatusCode.NotFound, (await app.Admin.GetAsync($"/api/v1/orgs/{code}")).StatusCode);
    }

    [Fact]
    public async Task ACodeHeldByADivisionAUnitOrAFederationElsewhereIsRefusedAndAListedZoneKeepsItsName()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0001", new { name = "兴宁区某企业工会", kind = "enterprise" });
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Liuzhou}/federations/LZ-ZONE", new { name = "柳州某园区工会", kind = "zone" });

        var division = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/{Qingxiu}", new { name = "Impostor", kind = "zone" });
        var unit = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/XN-0001", new { name = "Impostor", kind = "zone" });
        var elsewhere = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/LZ-ZONE", new { name = "Impostor", kind = "zone" });
        var listedZone = await app.Admin.PutAsJsonAsync("/api/v1/orgs/130100/federations/130171", new { name = "Renamed", kind = "zone" });

        foreach (var refused in new[] { division, unit, elsewhere, listedZone })
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("already belongs to 柳州某园区工会 (county under 450200)", (await CoverageApp.JsonOf(elsewhere)).GetProperty("detail").GetString());
        Assert.Equal("石家庄高新技术产业开发区", (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/130171"))).GetProperty("name").GetString());
        Assert.Equal(Liuzhou, (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/LZ-ZONE"))).GetProperty("parentCode").GetString());
    }

    [Fact]
    public async Task RenamingAFederationKeepsItsFiguresAndEveryRegistrationIsAudited()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-4", new { name = "Old name", kind = "zone" });
        await CoverageApp.PutFiguresAsync(app.Admin, "NN-ZONE-4", CoverageApp.Figures(60));

        var renamed = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-4", new { name = "New name", kind = "industry" });
        var again = await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Nanning}/federations/NN-ZONE-4", new { name = "New name", kind = "industry" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var federation = await CoverageApp.JsonOf(again);
        Assert.Equal(("New name", "industry", 60L), (federation.GetProperty("name").GetString(), federation.GetProperty("kind").GetString(),
            federation.GetProperty("own").GetProperty("members").GetInt64()));
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/audit?orgCode={Nanning}&action=federations.put"));
        Assert.Equal(["Old name", "New name", "New name"],
            audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("payload").GetProperty("name").GetString()));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task FederationsRegisteredUnderEachOtherAndTheirUnitsSurviveARestart(Silo.Storage.StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            await first.Admin.PutAsJsonAsync("/api/v1/orgs/000000/federations/RAIL", new { name = "某产业工会", kind = "industry" });
            await first.Admin.PutAsJsonAsync("/api/v1/orgs/RAIL/federations/RAIL-NN", new { name = "南宁分会", kind = "industry" });
            await first.Admin.PutAsJsonAsync("/api/v1/orgs/RAIL-NN/federations/RAIL-NN-1", new { name = "南宁第一分会", kind = "industry" });
            Assert.Equal(HttpStatusCode.Created,
                (await first.Admin.PutAsJsonAsync("/api/v1/orgs/RAIL-NN-1/units/RAIL-U1", new { name = "某站段工会", kind = "enterprise" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(first.Admin, "RAIL-U1", CoverageApp.Figures(80))).StatusCode);
        }
        // As if the clock had been set back between registrations: each federation stored as registered after the orgs below it.
        await using (var connection = await database.Open().OpenAsync())
        {
            foreach (var (code, days) in new[] { ("RAIL", 3), ("RAIL-NN", 2), ("RAIL-NN-1", 1) })
                await connection.ExecuteAsync("UPDATE orgs SET registered_at = @at WHERE code = @code", new { at = DateTimeOffset.UtcNow.AddDays(days), code });
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);

        var unit = await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/orgs/RAIL-U1"));
        Assert.Equal(("RAIL-NN-1", 80L), (unit.GetProperty("parentCode").GetString(), unit.GetProperty("own").GetProperty("members").GetInt64()));
        var industry = await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/orgs/RAIL"));
        Assert.Equal(80, industry.GetProperty("totals").GetProperty("members").GetInt64());
        Assert.True((await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/admin/consistency"))).GetProperty("consistent").GetBoolean());
    }
}
