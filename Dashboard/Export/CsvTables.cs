using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Analytics;
using Coverage.Silo.Audit;
using Coverage.Silo.Targets;

namespace Coverage.Dashboard.Export;

/// <summary>The CSV shape of each exportable list, with Chinese column names.</summary>
public static class CsvTables
{
    private static readonly string[] OrgColumns = ["代码", "名称", "层级", "类型", "上级代码"];

    /// <summary>Payloads as the API answers them, Chinese as it is rather than escaped as stored, for people to read.</summary>
    private static readonly JsonSerializerOptions PayloadJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static CsvResult Orgs(string fileName, IReadOnlyList<OrgSummary> summaries, Measure? sortedBy = null)
    {
        var measures = Measures.Table.ToList();
        if (sortedBy is not null && !measures.Contains(sortedBy))
            measures.Add(sortedBy);
        var targetKeys = TargetMeasures.All.Select(t => t.Key)
            .Where(k => summaries.Any(s => s.Attainment?.Measures.ContainsKey(k) == true))
            .ToList();
        measures.AddRange(targetKeys.Select(Measures.ForTarget).Where(m => !measures.Contains(m)));
        var header = OrgColumns.Append("本级数据截至").Concat(measures.Select(m => m.Label)).Concat(targetKeys.Count > 0 ? ["进度落后"] : []).ToList();
        var rows = summaries.Select(s => (IReadOnlyList<string?>)
            [.. Info(s.Code, s.Name, s.Level, s.Kind, s.ParentCode), ChinaTime(s.Own?.AsOf), .. measures.Select(m => Number(m.ValueOf(s))),
             .. targetKeys.Count > 0 ? [s.Attainment is null ? null : YesNo(s.Attainment.Behind)] : Array.Empty<string?>()]);
        return new CsvResult(fileName, header, rows);
    }

    /// <summary>
    /// Orgs' own figures in the figures import's columns, under their Chinese names, to be filled in and sent back: a column
    /// for every new-employment group, so no group is lost on the way, and blank cells where an org has no figures yet.
    /// </summary>
    public static CsvResult FiguresSheet(string fileName, IEnumerable<OrgSummary> orgs) => new(fileName,
        [.. FiguresCsv.Columns.Select(c => c.ChineseName)],
        orgs.Select(org => (IReadOnlyList<string?>)[.. FiguresCsv.Columns.Select(c => SheetCell(org, c.Field))]));

    /// <summary>A county's grassroots unions in the units import's columns, under their Chinese names, to be edited and sent back.</summary>
    public static CsvResult UnitsSheet(string fileName, IEnumerable<OrgInfo> units) =>
        new(fileName, ["代码", "名称", "类型"], units.Select(u => (IReadOnlyList<string?>)[u.Code, u.Name, KindName(u.Kind)]));

    /// <summary>
    /// Stations' visits a day, a column per date under the date itself, as the usage import reads them; a day not reported
    /// is an empty cell, to be filled in.
    /// </summary>
    public static CsvResult UsageSheet(string fileName, IReadOnlyList<DateOnly> days, IEnumerable<(StationSummary Station, IReadOnlyList<DailyUsage> Usage)> stations) =>
        new(fileName, ["编号", "名称", .. days.Select(Aggregate.Day)], stations.Select(s => (IReadOnlyList<string?>)
        [
            s.Station.Id, s.Station.Name, .. days.Select(day => s.Usage.FirstOrDefault(u => u.Date == day) is { } reported ? Number(reported.Visits) : null),
        ]));

    /// <summary>
    /// Orgs' targets of a year in the targets import's columns, under their Chinese names: a row per org with its members
    /// and membership rate today beside the targets, blank where no target is set.
    /// </summary>
    public static CsvResult TargetsSheet(string fileName, int year, IEnumerable<(OrgSummary Org, OrgTargets? Set)> orgs) => new(fileName,
        [.. TargetsCsv.Columns.Select(c => c.ChineseName)],
        orgs.Select(o => (IReadOnlyList<string?>)
        [
            o.Org.Code, o.Org.Name, year.ToString(CultureInfo.InvariantCulture), Number(o.Org.Totals.Members),
            o.Org.Rates.Membership is { } membership ? membership.ToString("0.0%", CultureInfo.InvariantCulture) : null,
            .. TargetMeasures.All.Select(t => o.Set?.Targets.TryGetValue(t.Key, out var target) == true ? Number(target) : null),
        ]));

    /// <summary>Accepted writes, a row each, with their payload's JSON; an org no longer registered has no name.</summary>
    public static CsvResult Audit(string fileName, IAsyncEnumerable<AuditEntry> entries, Func<string, string?> nameOf) => new(fileName,
        ["编号", "接收时间", "操作", "组织代码", "组织名称", "密钥编号", "密钥所属组织代码", "内容"],
        entries.Select(e => (IReadOnlyList<string?>)
        [
            e.Id.ToString(CultureInfo.InvariantCulture), ChinaClock.Stamp(e.At), AuditActionNames.Of(e.Action), e.OrgCode, nameOf(e.OrgCode),
            e.KeyId, e.KeyOrgCode, JsonSerializer.Serialize(e.Payload, PayloadJson),
        ]));

    public static CsvResult OrgInfos(string fileName, IEnumerable<OrgInfo> orgs) =>
        new(fileName, OrgColumns, orgs.Select(o => Info(o.Code, o.Name, o.Level, o.Kind, o.ParentCode)));

    public static CsvResult Stations(string fileName, IEnumerable<StationSummary> stations) => new(fileName,
        ["编号", "名称", "所属组织代码", "纬度", "经度", "24小时开放", "智能站点", "服务设施", "今日服务人次", "近7日服务人次", "近30日服务人次"],
        stations.Select(s => (IReadOnlyList<string?>)
        [
            s.Id, s.Name, s.OrgCode, Number(s.Lat), Number(s.Lon), YesNo(s.Open24h), YesNo(s.Smart), string.Join('、', s.Amenities),
            Number(s.Visits.Today), Number(s.Visits.Last7Days), Number(s.Visits.Last30Days),
        ]));

    public static CsvResult Series(string fileName, TimeSeries series, Measure measure) => new(fileName,
        ["代码", "日期", measure.Label],
        series.Points.Select(p => (IReadOnlyList<string?>)[series.Code, Aggregate.Day(p.Date), Number(p.Value)]));

    /// <summary>A row per bucket, 日期 then a column per child headed by its name and code; a child without a value there is blank.</summary>
    public static CsvResult ChildrenSeries(string fileName, ChildrenTimeSeries series)
    {
        var values = series.Children.Select(c => c.Points.ToDictionary(p => p.Date, p => p.Value)).ToList();
        var dates = series.Children.SelectMany(c => c.Points.Select(p => p.Date)).Distinct().Order();
        return new(fileName, ["日期", .. series.Children.Select(c => $"{c.Name}（{c.Code}）")],
            dates.Select(date => (IReadOnlyList<string?>)[Aggregate.Day(date), .. values.Select(v => v.TryGetValue(date, out var value) ? Number(value) : null)]));
    }

    private static IReadOnlyList<string?> Info(string code, string name, OrgLevel level, OrgKind kind, string? parent) =>
        [code, name, LevelName(level), KindName(kind), parent];

    public static string LevelName(OrgLevel level) => level switch
    {
        OrgLevel.National => "全国",
        OrgLevel.Province => "省级",
        OrgLevel.City => "市级",
        OrgLevel.County => "县级",
        _ => "基层",
    };

    public static string KindName(OrgKind kind) => kind switch
    {
        OrgKind.Division => "行政区划",
        OrgKind.Zone => "开发区",
        OrgKind.Industry => "产业工会",
        OrgKind.Enterprise => "企业工会",
        OrgKind.Joint => "联合基层工会",
        _ => "行业工会",
    };

    private static string? SheetCell(OrgSummary org, string field) => (field, org.Own) switch
    {
        ("code", _) => org.Code,
        ("name", _) => org.Name,
        (_, null) => null,
        // Every digit of the stored moment, so the sheet sent back unchanged is not older than what is stored.
        ("asOf", { } own) => own.AsOf.ToOffset(ChinaClock.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        ("employees", { } own) => Number(own.Employees),
        ("members", { } own) => Number(own.Members),
        ("verifiedMembers", { } own) => Number(own.VerifiedMembers),
        ("unitsRequired", { } own) => Number(own.UnitsRequired),
        ("unitsUnionized", { } own) => Number(own.UnitsUnionized),
        (_, { } own) => field.Split('.') is [var group, var count] && own.NewEmployment.TryGetValue(group, out var figures)
            ? Number(count == "workers" ? figures.Workers : figures.Members)
            : null,
    };

    /// <summary>A moment as China Standard Time in a form spreadsheets read as a date and time.</summary>
    private static string? ChinaTime(DateTimeOffset? moment) =>
        moment?.ToOffset(ChinaClock.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "是" : "否";

    private static string? Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);
}
