using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Dashboard.Export;
using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class AuditApiTests
{
    private static async Task<JsonElement[]> EntriesAsync(HttpClient admin, string query = "")
    {
        var page = await CoverageApp.JsonOf(await admin.GetAsync($"/api/v1/audit{query}"));
        return page.GetProperty("entries").EnumerateArray().ToArray();
    }

    [Fact]
    public async Task AWriteWhoseAuditEntryCannotBeWrittenIsNotApplied()
    {
        var database = await TestDatabase.CreateAsync(StorageProvider.Sqlite);
        await using var app = await CoverageApp.StartAsync(database: database);
        var today = Coverage.Contracts.ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        var station = new { orgCode = Xingning, name = "朝阳广场户外劳动者服务站", lat = 22.82, lon = 108.37 };
        await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-010", station);
        var reader = await CoverageApp.JsonOf(await app.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "reader" }));
        await using (var connection = await database.Open().OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "CREATE TRIGGER audit_refused BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log refused the entry'); END");

        HttpResponseMessage[] refused =
        [
            await app.Admin.PostAsJsonAsync("/api/v1/stations/gx-nn-010/usage", new[] { new { date = today, visits = 37 } }),
            await app.Admin.PutAsJsonAsync("/api/v1/stations/gx-nn-011", station),
            await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/targets/2026", new Dictionary<string, double> { ["newMembers"] = 10_000 }),
            await app.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "writer" }),
            await app.Admin.DeleteAsync($"/api/v1/keys/{reader.GetProperty("id").GetString()}"),
        ];

        Assert.All(refused, response => Assert.False(response.IsSuccessStatusCode, response.RequestMessage!.RequestUri!.ToString()));
        var stations = (await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}/stations"))).GetProperty("items");
        Assert.Equal(0, Assert.Single(stations.EnumerateArray()).GetProperty("visits").GetProperty("today").GetInt64());
        var county = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}"));
        Assert.False(county.TryGetProperty("attainment", out var attainment) && attainment.ValueKind != JsonValueKind.Null);
        var keys = (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/keys"))).GetProperty("items");
        Assert.Equal(reader.GetProperty("id").GetString(), Assert.Single(keys.EnumerateArray()).GetProperty("id").GetString());
        var readerClient = app.ClientWithKey(reader.GetProperty("key").GetString());
        Assert.Equal(HttpStatusCode.OK, (await readerClient.GetAsync($"/api/v1/orgs/{Xingning}")).StatusCode);
    }

    [Fact]
    public async Task EveryAcceptedWriteIsAuditedWithWhoAndWhat()
    {
        await using var app = await CoverageApp.StartAsync();
        var created = await CoverageApp.JsonOf(await app.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "writer" }));
        var county = app.ClientWithKey(created.GetProperty("key").GetString());
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(41_000));
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(-5));

        var entries = await EntriesAsync(app.Admin, $"?orgCode={Xingning}");

        var figures = Assert.Single(entries, e => e.GetProperty("action").GetString() == "figures.put");
        Assert.Equal(created.GetProperty("id").GetString(), figures.GetProperty("keyId").GetString());
        Assert.Equal(Xingning, figures.GetProperty("keyOrgCode").GetString());
        Assert.Equal(41_000, figures.GetProperty("payload").GetProperty("members").GetInt64());
        var issued = Assert.Single(entries, e => e.GetProperty("action").GetString() == "keys.create").GetProperty("payload");
        Assert.Equal(created.GetProperty("id").GetString(), issued.GetProperty("id").GetString());
        Assert.Equal("writer", issued.GetProperty("role").GetString());
        Assert.False(issued.TryGetProperty("key", out _), "an issued key's entry holds no key field, not even an empty one");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "keys.create" && e.GetProperty("keyId").GetString() == "bootstrap");
        Assert.DoesNotContain(created.GetProperty("key").GetString()!, string.Join("", entries.Select(e => e.ToString())));
    }

    [Fact]
    public async Task ConcurrentWritesToOneOrgAreEachAuditedOnce()
    {
        await using var app = await CoverageApp.StartAsync();
        var asOf = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8));

        var responses = await Task.WhenAll(Enumerable.Range(1, 40)
            .Select(i => CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(i, asOf.AddMinutes(i)))));

        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        var members = (await EntriesAsync(app.Admin, $"?orgCode={Xingning}&limit=100"))
            .Where(e => e.GetProperty("action").GetString() == "figures.put")
            .Select(e => e.GetProperty("payload").GetProperty("members").GetInt64()).ToList();
        Assert.Equal(accepted, members.Count);
        Assert.Equal(members.Count, members.Distinct().Count());
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
    }

    [Fact]
    public async Task CountyAdminSeesOnlyItsSubtreeAndReadersSeeNothing()
    {
        await using var app = await CoverageApp.StartAsync();
        await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(1));
        await CoverageApp.PutFiguresAsync(app.Admin, Qingxiu, CoverageApp.Figures(2));
        var countyAdmin = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "admin"));
        var reader = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "reader"));

        var entries = await EntriesAsync(countyAdmin);

        Assert.All(entries, e => Assert.Equal(Xingning, e.GetProperty("orgCode").GetString()));
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "figures.put");
        Assert.Equal(HttpStatusCode.Forbidden, (await countyAdmin.GetAsync($"/api/v1/audit?orgCode={Qingxiu}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task ACountyWriterSeesWhatWasAcceptedInItsCountyAndNothingOfItsNeighbour()
    {
        await using var app = await CoverageApp.StartAsync();
        var writer = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await CoverageApp.PutFiguresAsync(writer, Xingning, CoverageApp.Figures(41_000));
        await CoverageApp.PutFiguresAsync(app.Admin, Qingxiu, CoverageApp.Figures(2));

        var entries = await EntriesAsync(writer);

        var accepted = Assert.Single(entries, e => e.GetProperty("action").GetString() == "figures.put");
        Assert.Equal(41_000, accepted.GetProperty("payload").GetProperty("members").GetInt64());
        Assert.All(entries, e => Assert.Equal(Xingning, e.GetProperty("orgCode").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.GetAsync($"/api/v1/audit?orgCode={Qingxiu}")).StatusCode);
    }

    [Fact]
    public async Task AuditPagesFollowTheCursor()
    {
        await using var app = await CoverageApp.StartAsync();
        for (var i = 1; i <= 5; i++)
            await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(i));

        var first = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit?limit=3"));
        var second = await EntriesAsync(app.Admin, $"?limit=3&after={first.GetProperty("next").GetInt64()}");

        Assert.Equal(3, first.GetProperty("entries").GetArrayLength());
        Assert.Equal(2, second.Length);
        Assert.Equal(5, second[^1].GetProperty("payload").GetProperty("members").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Admin.GetAsync("/api/v1/audit?limit=-1")).StatusCode);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task NewestFirstPagesBackFromTheLatestEntryAndWhatCameSinceIsAskedAfterIt(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        for (var i = 1; i <= 5; i++)
            await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(i));

        var latest = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit?order=newest&limit=3"));
        var earlier = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/audit?order=newest&limit=3&before={latest.GetProperty("next").GetInt64()}"));
        var newestId = latest.GetProperty("entries")[0].GetProperty("id").GetInt64();
        await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(6));
        var since = await EntriesAsync(app.Admin, $"?after={newestId}");

        Assert.Equal(new long[] { 5, 4, 3 }, Members([.. latest.GetProperty("entries").EnumerateArray()]));
        Assert.Equal(new long[] { 2, 1 }, Members([.. earlier.GetProperty("entries").EnumerateArray()]));
        Assert.Equal(JsonValueKind.Null, earlier.GetProperty("next").ValueKind);
        Assert.Equal(new long[] { 6 }, Members(since));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AuditNarrowsToAKeyAnActionAndATimeRange(StorageProvider provider)
    {
        var clock = new TestClock(DateTimeOffset.Parse("2026-11-20T10:00:00+08:00"));
        await using var app = await CoverageApp.StartAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var created = await CoverageApp.JsonOf(await app.Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode = Xingning, role = "writer" }));
        var countyKey = created.GetProperty("id").GetString();
        var county = app.ClientWithKey(created.GetProperty("key").GetString());
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(1));
        clock.Set(DateTimeOffset.Parse("2026-11-21T23:30:00+08:00"));
        await CoverageApp.PutFiguresAsync(app.Admin, Qingxiu, CoverageApp.Figures(2));
        clock.Set(DateTimeOffset.Parse("2026-11-22T00:30:00+08:00"));
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(3, DateTimeOffset.Parse("2026-11-22T00:00:00+08:00")));

        Assert.Equal(new long[] { 1, 3 }, Members(await EntriesAsync(app.Admin, $"?keyId={countyKey}")));
        Assert.Equal("keys.create", Assert.Single(await EntriesAsync(app.Admin, "?action=keys.create")).GetProperty("action").GetString());
        Assert.Equal(new long[] { 2 }, Members(await EntriesAsync(app.Admin, "?from=2026-11-21&to=2026-11-21")));
        Assert.Equal(new long[] { 2, 3 }, Members(await EntriesAsync(app.Admin, "?from=2026-11-21T23:30:00%2B08:00")));
        Assert.Equal(new long[] { 1, 2 }, Members(await EntriesAsync(app.Admin, "?action=figures.put&to=2026-11-21T15:30:00Z")));
        Assert.Equal(new long[] { 3 }, Members(await EntriesAsync(app.Admin, $"?keyId={countyKey}&from=2026-11-21")));
        Assert.Empty(await EntriesAsync(app.Admin, $"?orgCode={Qingxiu}&keyId={countyKey}"));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACityReadsItsCountiesAndTheirGrassrootsUnionsButNotItsNeighbours(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        await app.Admin.PutAsJsonAsync($"/api/v1/orgs/{Xingning}/units/XN-0001", new { name = "南宁某快递公司工会", kind = "enterprise" });
        await CoverageApp.PutFiguresAsync(app.Admin, "XN-0001", CoverageApp.Figures(1));
        await CoverageApp.PutFiguresAsync(app.Admin, Qingxiu, CoverageApp.Figures(2));
        await CoverageApp.PutFiguresAsync(app.Admin, Liuzhou, CoverageApp.Figures(3));

        var nanning = await EntriesAsync(app.Admin, $"?orgCode={Nanning}");

        Assert.Equal(new long[] { 1, 2 }, Members(nanning));
        Assert.Contains(nanning, e => e.GetProperty("action").GetString() == "units.put");
        Assert.Equal(new long[] { 3 }, Members(await EntriesAsync(app.Admin, $"?orgCode={Liuzhou}")));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACountyDownloadsWhatItsKeyMayReadAsASheetInTheOrderAccepted(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(41_000));
        object[] units = [.. Enumerable.Range(0, 1_205).Select(i => new { code = $"XN-C{i}", name = $"兴宁区第{i}基层工会", kind = "enterprise" })];
        (await county.PostAsJsonAsync($"/api/v1/orgs/{Xingning}/units:batch", units)).EnsureSuccessStatusCode();
        await CoverageApp.PutFiguresAsync(county, "XN-C7", CoverageApp.Figures(120));
        await CoverageApp.PutFiguresAsync(app.Admin, Qingxiu, CoverageApp.Figures(7));
        var today = Coverage.Contracts.ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");

        var sheet = await CsvOf(county, $"/api/v1/audit.csv?from={today}&to={today}");
        var figures = await CsvOf(county, "/api/v1/audit.csv?action=figures.put");
        var firstFive = await CsvOf(county, "/api/v1/audit.csv?limit=5");

        Assert.Equal(["编号", "接收时间", "操作", "组织代码", "组织名称", "密钥编号", "密钥所属组织代码", "内容"], sheet.Header);
        Assert.Equal(1_208, sheet.Rows.Count);
        Assert.Equal(sheet.Column("编号").Select(long.Parse).Order(), sheet.Column("编号").Select(long.Parse));
        Assert.Equal(["发放密钥", "上报数据", "批量登记基层工会", "上报数据"], [.. new[] { 0, 1, 2, 1_207 }.Select(row => sheet.Cell(row, "操作"))]);
        Assert.Equal(("兴宁区", "XN-C7", "兴宁区第7基层工会"), (sheet.Cell(1, "组织名称"), sheet.Cell(1_207, "组织代码"), sheet.Cell(1_207, "组织名称")));
        Assert.Equal(120, JsonDocument.Parse(sheet.Cell(1_207, "内容")).RootElement.GetProperty("members").GetInt64());
        Assert.DoesNotContain(Qingxiu, sheet.Column("组织代码"));
        Assert.Equal([Xingning, "XN-C7"], figures.Column("组织代码"));
        Assert.Equal(sheet.Column("编号").Take(5), firstFive.Column("编号"));
    }

    [Fact]
    public void EveryAuditedWriteHasAChineseNameInTheSheet() =>
        Assert.All(AuditActions.All, action => Assert.NotEqual(action, AuditActionNames.Of(action)));

    private static async Task<CsvTable> CsvOf(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return CsvTable.Parse(body, response.Content.Headers.ContentType?.ToString() ?? "");
    }

    [Theory]
    [InlineData("action=figures.delete", "action", "figures.put")]
    [InlineData("from=yesterday", "from", "yyyy-MM-dd")]
    [InlineData("to=2026-11-20T10:00:00", "to", "offset")]
    [InlineData("from=2026-11-22&to=2026-11-21", "from", "swap")]
    [InlineData("to=9999-12-31T23:59:59.9999999%2B00:00", "to", "2100")]
    [InlineData("from=0001-01-01", "from", "2000")]
    [InlineData("keyId=k_1%00", "keyId", "letters, digits")]
    [InlineData("order=sideways", "order", "newest")]
    [InlineData("before=5", "before", "order=newest")]
    [InlineData("order=newest&after=5", "after", "as before")]
    [InlineData("order=newest&before=0", "before", "from 1")]
    public async Task ABadAuditFilterSaysWhatWouldBeAccepted(string query, string parameter, string hint)
    {
        await using var app = await CoverageApp.StartAsync();

        using var response = await app.Admin.GetAsync($"/api/v1/audit?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await CoverageApp.JsonOf(response);
        Assert.Contains(hint, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    private static long[] Members(JsonElement[] entries) =>
        entries.Where(e => e.GetProperty("action").GetString() == "figures.put")
            .Select(e => e.GetProperty("payload").GetProperty("members").GetInt64()).ToArray();
}
