using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    /// <summary>Words of the English messages; column names, codes and ISO examples in a Chinese message are not among them.</summary>
    [GeneratedRegex(@"\b(must|is|not|has|the|be|or|and|of|no|appears|fields?)\b")]
    private static partial Regex EnglishWords();
}
