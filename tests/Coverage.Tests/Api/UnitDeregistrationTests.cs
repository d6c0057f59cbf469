using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Coverage.Silo.History;
using Coverage.Silo.Keys;
using Coverage.Silo.Storage;
using Coverage.Silo.Targets;
using Coverage.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class UnitDeregistrationTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACountyDeregistersAUnitWhoseFiguresLeaveTheCountyWhileTheAuditKeepsThem(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await county.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0001", new { name = "已关闭的企业工会", kind = "enterprise" });
        await CoverageApp.PutFiguresAsync(county, "XN-0001", CoverageApp.Figures(120));
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(1_000));
        await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(county, Xingning) == 1_120, TimeSpan.FromSeconds(2), "the county with its unit");

        var deleted = await county.DeleteAsync($"/api/v1/orgs/{Xingning}/units/XN-0001");
        // A report the unit sent before it went, arriving late, must not bring it back.
        await app.Grains.GetGrain<IOrgGrain>(Xingning).ReportChild(new ChildTotals("XN-0001", Aggregate.Of(Figure.Of(120)), long.MaxValue));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var read = await county.GetAsync("/api/v1/orgs/XN-0001");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var problem = await CoverageApp.JsonOf(read);
        Assert.Equal("Deregistered org", problem.GetProperty("title").GetString());
        Assert.Contains($"/api/v1/audit?orgCode={Xingning}", problem.GetProperty("detail").GetString());
        await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(county, Xingning) == 1_000, TimeSpan.FromSeconds(2), "the county without its unit");
        var children = await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/orgs/{Xingning}/children"));
        Assert.DoesNotContain(children.EnumerateArray(), c => c.GetProperty("code").GetString() == "XN-0001");
        var entry = (await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/audit?orgCode={Xingning}&action=units.delete")))
            .GetProperty("entries").EnumerateArray().Single().GetProperty("payload");
        Assert.Equal(("已关闭的企业工会", 120), (entry.GetProperty("name").GetString(), entry.GetProperty("lastFigures").GetProperty("members").GetInt32()));
        await ConsistentAsync(app.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await county.DeleteAsync($"/api/v1/orgs/{Xingning}/units/XN-0001")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ADeregisteredUnitStaysGoneAfterARestartWithItsAuditTrailAndItsCodeStartsAfreshOnlyInItsCounty(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        var today = ChinaClock.Today(TimeProvider.System);
        var series = $"/api/v1/orgs/XN-0002/timeseries?measure=totals.members&from={today.AddDays(-14):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            await first.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0002", new { name = "Old", kind = "joint" });
            await first.Services.GetRequiredService<OrgHistory>().WriteAsync([("XN-0002", today.AddDays(-7), Aggregate.Of(Figure.Of(60)))]);
            await CoverageApp.PutFiguresAsync(first.Admin, "XN-0002", CoverageApp.Figures(80));
            await first.Admin.PutAsJsonAsync($"/api/v1/orgs/XN-0002/targets/{today.Year}", new Dictionary<string, double> { ["newMembers"] = 100 });
            Assert.Equal([60, 80], SeriesValues(await CoverageApp.JsonOf(await first.Admin.GetAsync(series))).OfType<double>().Distinct());
            Assert.Equal(HttpStatusCode.NoContent, (await first.Admin.DeleteAsync($"/api/v1/orgs/{Xingning}/units/XN-0002")).StatusCode);
            // As a flush would write a point buffered before the deregistration: it must not bring the unit's history back.
            await first.Services.GetRequiredService<OrgHistory>().WriteAsync([("XN-0002", today.AddDays(-1), Aggregate.Of(Figure.Of(70)))]);
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);

        Assert.Equal(HttpStatusCode.NotFound, (await second.Admin.GetAsync("/api/v1/orgs/XN-0002")).StatusCode);
        Assert.Equal(0, await CoverageApp.MembersAsync(second.Admin, Xingning));
        Assert.True((await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/admin/consistency"))).GetProperty("consistent").GetBoolean());
        var audit = await CoverageApp.JsonOf(await second.Admin.GetAsync($"/api/v1/audit?orgCode={Xingning}"));
        Assert.Equal(["units.put", "figures.put", "targets.put", "units.delete"], audit.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        var elsewhere = await second.Admin.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/units/XN-0002", new { name = "Taken", kind = "enterprise" });
        Assert.Equal(HttpStatusCode.Conflict, elsewhere.StatusCode);
        Assert.Contains($"deregistered; its code stays with {Xingning}", (await CoverageApp.JsonOf(elsewhere)).GetProperty("detail").GetString());
        var again = await second.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0002", new { name = "New", kind = "enterprise" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await CoverageApp.JsonOf(again)).GetProperty("own").ValueKind);
        Assert.All(SeriesValues(await CoverageApp.JsonOf(await second.Admin.GetAsync(series))), Assert.Null);
        var summary = await CoverageApp.JsonOf(await second.Admin.GetAsync("/api/v1/orgs/XN-0002"));
        Assert.False(summary.TryGetProperty("attainment", out var attainment) && attainment.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task AUnitRegisteredAgainRightAfterItsDeregistrationHasNoPastNorTargets()
    {
        await using var app = await CoverageApp.StartAsync();
        var today = ChinaClock.Today(TimeProvider.System);
        var series = $"/api/v1/orgs/XN-0004/timeseries?measure=totals.members&from={today.AddDays(-14):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0004", new { name = "Old", kind = "joint" });
        await app.Services.GetRequiredService<OrgHistory>().WriteAsync([("XN-0004", today.AddDays(-7), Aggregate.Of(Figure.Of(60)))]);
        await CoverageApp.PutFiguresAsync(app.Admin, "XN-0004", CoverageApp.Figures(80));
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/XN-0004/targets/{today.Year}", new Dictionary<string, double> { ["newMembers"] = 100 });
        Assert.Equal(System.Text.Json.JsonValueKind.Object, (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/XN-0004"))).GetProperty("attainment").ValueKind);

        await app.Admin.DeleteAsync($"/api/v1/orgs/{Xingning}/units/XN-0004");
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0004", new { name = "New", kind = "enterprise" });

        Assert.All(SeriesValues(await CoverageApp.JsonOf(await app.Admin.GetAsync(series))), Assert.Null);
        var summary = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/XN-0004"));
        Assert.False(summary.TryGetProperty("attainment", out var attainment) && attainment.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task TargetsSetAsTheirUnitIsDeregisteredAreRefusedOrGoWithItNeverOutlivingIt(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var year = ChinaClock.Today(TimeProvider.System).Year;
        for (var round = 0; round < 6; round++)
        {
            var unit = $"XN-RACE-{round}";
            await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/{unit}", new { name = "竞态单位工会", kind = "enterprise" });
            var puts = Enumerable.Range(0, 24).Select(async i =>
            {
                await Task.Delay(i);
                var response = i % 2 == 0
                    ? await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{unit}/targets/{year}", new Dictionary<string, double> { ["newMembers"] = 10 + i })
                    : await app.Admin.PostAsJsonAsync("/api/v1/targets:batch", new[] { new { code = unit, year, targets = new Dictionary<string, double> { ["newMembers"] = 10 + i } } });
                return response.StatusCode;
            }).ToList();
            await Task.Delay(8);

            Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.DeleteAsync($"/api/v1/orgs/{Xingning}/units/{unit}")).StatusCode);

            Assert.All(await Task.WhenAll(puts), status => Assert.Contains(status, (HttpStatusCode[])[HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.BadRequest]));
            Assert.Null(await app.Service<TargetStore>().FindAsync(unit, year));
            await using var connection = await app.Service<Database>().OpenAsync();
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM org_targets WHERE code = @unit", new { unit }));
        }
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AKeyOrTargetsWrittenForAUnitDeregisteredSinceTheyWereCheckedAreNotWrittenSoItsCodeRegisteredAgainGetsNeither(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var year = ChinaClock.Today(TimeProvider.System).Year;
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0005", new { name = "Old", kind = "joint" });
        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin.DeleteAsync($"/api/v1/orgs/{Xingning}/units/XN-0005")).StatusCode);
        Statement Recorded(string action) => app.Service<AuditLog>().StatementFor(new AuditRecord("bootstrap", "000000", "XN-0005", action, "{}"));

        // As a request that found the unit registered, and reached the store after its deregistration, would write them.
        var key = await app.Service<ApiKeyStore>().CreateAsync("XN-0005", ApiKeyRole.Writer, _ => Recorded("keys.create"));
        var targets = await app.Service<TargetStore>().PutAsync("XN-0005", year, new Dictionary<string, double> { ["newMembers"] = 10 }, _ => Recorded("targets.put"));

        Assert.Null(key);
        Assert.Null(targets);
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0005", new { name = "New", kind = "enterprise" });
        await using var connection = await app.Service<Database>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM api_keys WHERE org_code = 'XN-0005'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM org_targets WHERE code = 'XN-0005'"));
        Assert.Null(await app.Service<TargetStore>().FindAsync("XN-0005", year));
        Assert.Equal(["units.put", "units.delete", "units.put"], (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/audit?orgCode={Xingning}")))
            .GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    private static IEnumerable<double?> SeriesValues(System.Text.Json.JsonElement series) => series.GetProperty("points").EnumerateArray()
        .Select(point => point.GetProperty("value") is { ValueKind: System.Text.Json.JsonValueKind.Number } value ? value.GetDouble() : (double?)null);

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AUnitsKeysAreRevokedWithItNamedInItsAuditEntryAndStayRevokedWhenItsCodeIsRegisteredAgain(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = database.Settings().ToDictionary();
        string keyId, secret;
        await using (var first = await CoverageApp.StartAsync(provider, settings))
        {
            await first.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0003", new { name = "有密钥的工会", kind = "enterprise" });
            var created = await CoverageApp.JsonOf(await first.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode = "XN-0003", role = "writer" }));
            (keyId, secret) = (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
            var unit = first.ClientWithKey(secret);
            Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(unit, "XN-0003", CoverageApp.Figures(50))).StatusCode);
            var kept = first.ClientWithKey(await first.CreateKeyAsync(Xingning, "writer"));

            var deleted = await first.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batchDelete", new[] { "XN-0003" });

            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await CoverageApp.PutFiguresAsync(unit, "XN-0003", CoverageApp.Figures(60))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(kept, Xingning, CoverageApp.Figures(60))).StatusCode);
            var entry = (await CoverageApp.JsonOf(await first.Admin.GetAsync($"/api/v1/audit?orgCode={Xingning}&action=units.batchDelete")))
                .GetProperty("entries").EnumerateArray().Single().GetProperty("payload");
            Assert.Equal([keyId], entry.GetProperty("revokedKeys").EnumerateArray().Select(k => k.GetString()));
        }

        await using var second = await CoverageApp.StartAsync(provider, settings);
        var again = second.ClientWithKey(secret);
        var refused = await CoverageApp.JsonOf(await CoverageApp.PutFiguresAsync(again, "XN-0003", CoverageApp.Figures(70)));
        Assert.Equal("Revoked API key", refused.GetProperty("title").GetString());
        Assert.Contains("its org 'XN-0003' (有密钥的工会) has been deregistered", refused.GetProperty("detail").GetString());
        await second.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0003", new { name = "重新登记的工会", kind = "enterprise" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await CoverageApp.PutFiguresAsync(again, "XN-0003", CoverageApp.Figures(70))).StatusCode);
        var listed = await CoverageApp.JsonOf(await second.Admin.GetAsync($"/api/v1/keys?orgCode={Xingning}&revoked=true"));
        var key = listed.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal(System.Text.Json.JsonValueKind.String, key.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task WritesRacingADeregistrationAreAcceptedOrToldTheUnitIsGoneNeverAFault()
    {
        await using var app = await CoverageApp.StartAsync();
        var units = Enumerable.Range(0, 40).Select(i => $"XN-R{i}").ToList();
        foreach (var code in units)
            await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/{code}", new { name = code, kind = "enterprise" });
        var start = DateTimeOffset.UtcNow;

        // Each unit is written to until it is refused, so the deregistration lands among its writes.
        async Task<List<HttpStatusCode>> KeepWritingAsync(string code)
        {
            var seen = new List<HttpStatusCode>();
            for (var n = 1; n <= 500 && (seen.Count == 0 || seen[^1] == HttpStatusCode.OK); n++)
                seen.Add((await CoverageApp.PutFiguresAsync(app.Admin, code, CoverageApp.Figures(n, start.AddSeconds(n)))).StatusCode);
            return seen;
        }
        var writers = units.Select(KeepWritingAsync).ToList();
        await Task.Delay(200);
        var deregistered = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batchDelete", units);
        var statuses = (await Task.WhenAll(writers)).SelectMany(s => s).ToList();

        Assert.Equal(HttpStatusCode.OK, deregistered.StatusCode);
        Assert.Contains(HttpStatusCode.NotFound, statuses);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(app.Admin, Xingning) == 0, TimeSpan.FromSeconds(2), "the county without any of them");
        await ConsistentAsync(app.Admin);
    }

    [Fact]
    public async Task AWriteWhoseUnitIsDeregisteredBetweenItsChecksAndItsGrainCallIsToldTheUnitIsGone()
    {
        await using var app = await CoverageApp.StartAsync();
        var http = new DefaultHttpContext { RequestServices = app.Services };
        http.Request.Headers.AcceptLanguage = "zh-CN";
        http.Response.Body = new MemoryStream();
        var gone = new GrainActivationException(nameof(OrgGrain), "XN-GONE", new OrgNotFoundException("XN-GONE"));

        var handled = await app.Services.GetServices<IExceptionHandler>().ToAsyncEnumerable()
            .AnyAsync(async (handler, token) => await handler.TryHandleAsync(http, gone, token));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status404NotFound, http.Response.StatusCode);
        Assert.Contains("已被注销", Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray()));
    }

    [Fact]
    public async Task ABatchDeregistersAllOrNoneAndNamesEachCodeTheCountyHasNoUnitOf()
    {
        await using var app = await CoverageApp.StartAsync();
        foreach (var code in new[] { "XN-A", "XN-B", "XN-C" })
            await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/{code}", new { name = code, kind = "enterprise" });
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/units/QX-A", new { name = "QX-A", kind = "enterprise" });

        var refused = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batchDelete", new[] { "XN-A", "XN-B", "QX-A", "XN-NONE" });
        var malformed = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batchDelete", new object[] { "XN-A", 7 });
        var applied = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batchDelete", new[] { "XN-A", "XN-B" });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(["[2]", "[3]"], (await CoverageApp.JsonOf(refused)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.NotEmpty(await CoverageApp.ErrorsAt(malformed, "[1]"));
        Assert.Equal(2, (await CoverageApp.JsonOf(applied)).GetProperty("deregistered").GetInt32());
        var left = (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}/children")))
            .EnumerateArray().Where(c => c.GetProperty("level").GetString() == "grassroots").Select(c => c.GetProperty("code").GetString());
        Assert.Equal(["XN-C"], left);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/api/v1/orgs/QX-A")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task TheLargestBatchDeregistersEveryUnitItNamesAndTheirFiguresLeaveTheCounty(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var units = Enumerable.Range(0, 10_001).Select(i => new { code = $"XN-L{i}", name = $"兴宁区第{i}基层工会", kind = "enterprise" }).ToList();
        await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", units.Take(10_000));
        await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", units.Skip(10_000));
        await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", units.Take(2_000).Select(u => new { u.code, figures = CoverageApp.Figures(10) }));
        await app.Admin.PostAsJsonAsync("/api/v1/figures:batch", new[] { new { code = "XN-L10000", figures = CoverageApp.Figures(7) } });
        await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(app.Admin, Xingning) == 20_007, TimeSpan.FromSeconds(5), "the county with its units");

        var deregistered = await app.Admin.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batchDelete", units.Take(10_000).Select(u => u.code));

        Assert.Equal(10_000, (await CoverageApp.JsonOf(deregistered)).GetProperty("deregistered").GetInt32());
        await Eventually.TrueAsync(async () => await CoverageApp.MembersAsync(app.Admin, Xingning) == 7, TimeSpan.FromSeconds(5), "the county with its one unit left");
        var left = (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}/children")))
            .EnumerateArray().Where(c => c.GetProperty("level").GetString() == "grassroots").Select(c => c.GetProperty("code").GetString());
        Assert.Equal(["XN-L10000"], left);
        await ConsistentAsync(app.Admin);
    }

    [Fact]
    public async Task ACountyCannotDeregisterAnotherCountysUnitsNorAnythingButAUnit()
    {
        await using var app = await CoverageApp.StartAsync();
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Qingxiu}/units/QX-B", new { name = "QX-B", kind = "enterprise" });
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var otherCounty = await county.DeleteAsync($"/api/v1/orgs/{Qingxiu}/units/QX-B");
        var underOwnCounty = await county.DeleteAsync($"/api/v1/orgs/{Xingning}/units/QX-B");
        var division = await app.Admin.DeleteAsync($"/api/v1/orgs/{Nanning}/units/{Xingning}");

        Assert.Equal(HttpStatusCode.Forbidden, otherCounty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, underOwnCounty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, division.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/api/v1/orgs/QX-B")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
    }

    /// <summary>The tree adds up again once the reports still on their way up have arrived.</summary>
    /// <summary>Waits for reports still on their way up; a failure shows the last report, to tell which org kept which totals.</summary>
    private static async Task ConsistentAsync(HttpClient client)
    {
        var last = default(System.Text.Json.JsonElement);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(last = await CoverageApp.JsonOf(await client.GetAsync("/api/v1/admin/consistency"))).GetProperty("consistent").GetBoolean())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The tree did not add up within 5 s; the last consistency report: {last}");
            await Task.Delay(50);
        }
    }
}
