using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

public sealed class AuditApiTests
{
    private const string Xingning = "450102";
    private const string Qingxiu = "450103";

    private static async Task<JsonElement[]> EntriesAsync(HttpClient admin, string query = "")
    {
        var page = await CoverageApp.JsonOf(await admin.GetAsync($"/api/v1/audit{query}"));
        return page.GetProperty("entries").EnumerateArray().ToArray();
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
}
