using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Coverage.Contracts;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed partial class ChineseErrorTests
{
    private static readonly string Today = ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string path, string csv, string? language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        return await client.SendAsync(request);
    }

    private static async Task<(string Detail, string[] Messages)> ProblemOf(HttpResponseMessage response)
    {
        var json = await CoverageApp.JsonOf(response);
        return (json.GetProperty("detail").GetString()!,
            [.. json.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => $"{e.Name}: {m.GetString()}"))]);
    }

    /// <summary>Each faulty sheet, with the number of errors it makes.</summary>
    private static IEnumerable<(string Path, string Csv, int Errors)> FaultySheets() =>
    [
        ("/api/v1/figures:import", "代码,截至时间,职工人数,会员人数,实名认证会员,应建会单位数,已建会单位数,快递员人数,快递员会员\r\n" +
            $"{Xingning},昨天,-5,10,5,3,2,,\r\n{Qingxiu},2026/11/20 9:30,300,310,100,3,4,约100,5\r\n,2026/11/20,1,1,1,1,1,,\r\n", 6),
        ($"/api/v1/orgs/{Xingning}/units:import", "代码,名称,类型\r\nXN U1,兴宁区某工会,俱乐部\r\nXN-U2,,企业工会\r\n", 3),
        ("/api/v1/stations:import", "编号,名称,所属组织代码,纬度,经度,24小时开放,智能站点,服务设施\r\n" +
            $"xn-01,朝阳驿站,{Xingning},95,108.37,全天,否,饮水\r\nxn-02,民族驿站,{Xingning},东经,108.3,否,否,\r\n", 3),
        ("/api/v1/stations/usage:import", $"编号,名称,{Today},备注\r\nxn-01,朝阳驿站,30,\r\n", 1),
        ("/api/v1/targets:import", $"代码,名称,年度,新增会员,入会率\r\n{Xingning},兴宁区,2026,-5,85\r\n{Qingxiu},青秀区,二〇二六,100,\r\n", 3),
    ];

    [Fact]
    public async Task EverySheetImportTellsItsFaultsInChineseWhenTheRequestPrefersChinese()
    {
        await using var app = await CoverageApp.StartAsync();

        foreach (var (path, csv, count) in FaultySheets())
        {
            var (detail, messages) = await ProblemOf(await ImportAsync(app.Admin, path, csv, "zh-CN,zh;q=0.9,en;q=0.8"));

            Assert.True(messages.Length == count, $"{path}: {count} errors expected, got {string.Join(" | ", messages)}");
            Assert.All(messages.Append(detail), message =>
            {
                Assert.Matches(Chinese(), message);
                Assert.DoesNotMatch(EnglishWords(), message);
            });
        }
    }

    [Fact]
    public async Task TheSameSheetIsToldInEnglishToACallerThatAsksForNoLanguageOrPrefersEnglish()
    {
        await using var app = await CoverageApp.StartAsync();

        foreach (var language in new string?[] { null, "en-US,zh-CN;q=0.5" })
        {
            foreach (var (path, csv, _) in FaultySheets())
            {
                var (detail, messages) = await ProblemOf(await ImportAsync(app.Admin, path, csv, language));

                Assert.Matches(EnglishWords(), detail);
                Assert.All(messages, message => Assert.Matches(EnglishWords(), message));
            }
        }
    }

    [Fact]
    public async Task RefusalsThatAreNotAboutACellAreToldInChineseTooWhenTheRequestPrefersChinese()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));
        var anonymous = app.ClientWithKey(null);
        var asOf = DateTimeOffset.Parse("2026-11-20T09:30:00+08:00");
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(100, asOf))).StatusCode);

        async Task<(HttpStatusCode, string)> Refused(HttpClient client, HttpMethod method, string path, HttpContent? content)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.AcceptLanguage.ParseAdd("zh-CN");
            var response = await client.SendAsync(request);
            return (response.StatusCode, (await CoverageApp.JsonOf(response)).GetProperty("detail").GetString()!);
        }
        var refusals = new[]
        {
            await Refused(anonymous, HttpMethod.Get, "/api/v1/audit", null),
            await Refused(county, HttpMethod.Put, $"/api/v1/orgs/{Qingxiu}/figures", JsonContent.Create(CoverageApp.Figures(100))),
            await Refused(county, HttpMethod.Put, "/api/v1/orgs/459999/figures", JsonContent.Create(CoverageApp.Figures(100))),
            await Refused(county, HttpMethod.Put, $"/api/v1/orgs/{Xingning}/figures", JsonContent.Create(CoverageApp.Figures(100, asOf.AddDays(-1)))),
            await Refused(county, HttpMethod.Post, "/api/v1/figures:import", JsonContent.Create(new[] { 1 })),
            await Refused(county, HttpMethod.Put, $"/api/v1/orgs/{Xingning}/figures", new StringContent(new string(' ', 70_000), Encoding.UTF8, "application/json")),
            await Refused(county, HttpMethod.Post, "/api/v1/stations/xn-09/usage", JsonContent.Create(new[] { new { date = Today, visits = 3 } })),
            await Refused(county, HttpMethod.Post, "/api/v1/keys", JsonContent.Create(new { orgCode = Xingning, role = "reader" })),
        };

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Conflict,
            HttpStatusCode.UnsupportedMediaType, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.NotFound, HttpStatusCode.Forbidden],
            refusals.Select(r => r.Item1));
        Assert.All(refusals, refusal =>
        {
            Assert.Matches(Chinese(), refusal.Item2);
            Assert.DoesNotMatch(EnglishWords(), refusal.Item2);
        });
    }

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    /// <summary>Words of the English messages; column names, codes and ISO examples in a Chinese message are not among them.</summary>
    [GeneratedRegex(@"\b(must|is|not|has|the|be|or|and|of|no|appears|fields?)\b")]
    private static partial Regex EnglishWords();
}
