using Coverage.Contracts;
using Coverage.Silo.Targets;

namespace Coverage.Silo.Analytics;

/// <summary>The one catalogue of measures, shared by time series, rankings and CSV exports.</summary>
public static class Measures
{
    public const string AttainmentPrefix = "attainment.";

    public const string StationVisitsPrefix = "totals.stationVisits.";

    /// <summary>The columns every org table carries, in export order.</summary>
    public static readonly IReadOnlyList<Measure> Table =
    [
        new("totals.employees", "职工人数", (t, _, _) => t.Employees),
        new("totals.members", "会员人数", (t, _, _) => t.Members),
        new("totals.verifiedMembers", "实名认证会员", (t, _, _) => t.VerifiedMembers),
        new("totals.unitsRequired", "应建会单位数", (t, _, _) => t.UnitsRequired),
        new("totals.unitsUnionized", "已建会单位数", (t, _, _) => t.UnitsUnionized),
        new("totals.newEmployment.workers", "新就业形态劳动者", (t, _, _) => t.NewEmployment.Values.Sum(g => g.Workers)),
        new("totals.newEmployment.members", "新就业形态会员", (t, _, _) => t.NewEmployment.Values.Sum(g => g.Members)),
        new("totals.stations", "服务站点数", (t, _, _) => t.Stations),
        new("totals.stationVisits.today", "今日服务人次", (t, _, _) => t.StationVisits.Today),
        new("totals.stationVisits.last7Days", "近7日服务人次", (t, _, _) => t.StationVisits.Last7Days),
        new("totals.stationVisits.last30Days", "近30日服务人次", (t, _, _) => t.StationVisits.Last30Days),
        new("rates.membership", "入会率", (_, r, _) => r.Membership),
        new("rates.unitCoverage", "建会率", (_, r, _) => r.UnitCoverage),
        new("rates.verification", "实名认证率", (_, r, _) => r.Verification),
        new("rates.newEmployment", "新就业形态入会率", (_, r, _) => r.NewEmployment),
        new("rates.visitsPerStation", "站均服务人次(近7日)", (_, r, _) => r.VisitsPerStation) { Unit = MeasureUnit.Number, CountsRecentDays = true },
        new("rates.stationsPer10kNewEmployment", "每万名新就业形态劳动者站点数", (_, r, _) => r.StationsPer10kNewEmployment)
        {
            Unit = MeasureUnit.Number,
        },
    ];

    private static readonly IReadOnlyList<Measure> PerGroup = NewEmploymentGroups.Names.SelectMany(g => new Measure[]
    {
        new($"totals.newEmployment.{g.Key}.workers", $"{g.Value}人数", (t, _, _) => t.NewEmployment.GetValueOrDefault(g.Key)?.Workers ?? 0),
        new($"totals.newEmployment.{g.Key}.members", $"{g.Value}会员", (t, _, _) => t.NewEmployment.GetValueOrDefault(g.Key)?.Members ?? 0),
        new($"rates.newEmploymentByGroup.{g.Key}", $"{g.Value}入会率", (_, r, _) => r.NewEmploymentByGroup.GetValueOrDefault(g.Key)),
    }).ToList();

    private static readonly IReadOnlyList<Measure> AttainmentMeasures = TargetMeasures.All.Select(t => new Measure(
        AttainmentPrefix + t.Key, $"目标完成率({t.Label})", (_, _, a) => a?.Measures.GetValueOrDefault(t.Key)?.Ratio)).ToList();

    /// <summary>Everything a time series can show.</summary>
    public static readonly IReadOnlyList<Measure> WithHistory = [.. Table, .. PerGroup];

    /// <summary>Everything a list can be sorted by.</summary>
    public static readonly IReadOnlyList<Measure> All = [.. WithHistory, .. AttainmentMeasures];

    private static readonly Dictionary<string, Measure> ByName = All.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public static Measure? Find(string name) => ByName.GetValueOrDefault(name);

    public static Measure ForTarget(string key) => ByName[AttainmentPrefix + key];
}
