using System.Globalization;
using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Coverage.Silo.Targets;

namespace Coverage.Dashboard.Export;

/// <summary>The CSV shape of each exportable list, with Chinese column names.</summary>
public static class CsvTables
{
    private static readonly string[] OrgColumns = ["代码", "名称", "层级", "类型", "上级代码"];

    public static CsvResult Orgs(string fileName, IReadOnlyList<OrgSummary> summaries, Measure? sortedBy = null)
    {
        var measures = Measures.Table.ToList();
        if (sortedBy is not null && !measures.Contains(sortedBy))
            measures.Add(sortedBy);
        var targetKeys = TargetMeasures.All.Select(t => t.Key)
            .Where(k => summaries.Any(s => s.Attainment?.Measures.ContainsKey(k) == true))
            .ToList();
        measures.AddRange(targetKeys.Select(Measures.ForTarget).Where(m => !measures.Contains(m)));
        var header = OrgColumns.Concat(measures.Select(m => m.Label)).Concat(targetKeys.Count > 0 ? ["进度落后"] : []).ToList();
        var rows = summaries.Select(s => (IReadOnlyList<string?>)
            [.. Info(s.Code, s.Name, s.Level, s.Kind, s.ParentCode), .. measures.Select(m => Number(m.ValueOf(s))),
             .. targetKeys.Count > 0 ? [s.Attainment is null ? null : YesNo(s.Attainment.Behind)] : Array.Empty<string?>()]);
        return new CsvResult(fileName, header, rows);
    }

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

    private static IReadOnlyList<string?> Info(string code, string name, OrgLevel level, OrgKind kind, string? parent) =>
        [code, name, LevelName(level), KindName(kind), parent];

    private static string LevelName(OrgLevel level) => level switch
    {
        OrgLevel.National => "全国",
        OrgLevel.Province => "省级",
        OrgLevel.City => "市级",
        OrgLevel.County => "县级",
        _ => "基层",
    };

    private static string KindName(OrgKind kind) => kind switch
    {
        OrgKind.Division => "行政区划",
        OrgKind.Zone => "开发区",
        OrgKind.Enterprise => "企业工会",
        OrgKind.Joint => "联合基层工会",
        _ => "行业工会",
    };

    private static string YesNo(bool value) => value ? "是" : "否";

    private static string? Number(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);
}
