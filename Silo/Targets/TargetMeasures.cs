using Coverage.Contracts;

namespace Coverage.Silo.Targets;

/// <summary>The measures targets can be set for, keyed as in the targets body (e.g. {"newMembers": 30000}).</summary>
public static class TargetMeasures
{
    public static readonly IReadOnlyList<TargetMeasure> All =
    [
        new("newMembers", "新增会员", IsGain: true, IsRate: false, (now, start) => now.Members - (start ?? now).Members),
        new("newEmploymentMembers", "新增新就业形态会员", IsGain: true, IsRate: false,
            (now, start) => NewEmploymentMembers(now) - NewEmploymentMembers(start ?? now)),
        new("members", "会员人数", IsGain: false, IsRate: false, (now, _) => now.Members),
        new("stations", "服务站点数", IsGain: false, IsRate: false, (now, _) => now.Stations),
        new("membership", "入会率", IsGain: false, IsRate: true, (now, _) => Rates.Of(now).Membership),
        new("unitCoverage", "建会率", IsGain: false, IsRate: true, (now, _) => Rates.Of(now).UnitCoverage),
        new("verification", "实名认证率", IsGain: false, IsRate: true, (now, _) => Rates.Of(now).Verification),
        new("newEmployment", "新就业形态入会率", IsGain: false, IsRate: true, (now, _) => Rates.Of(now).NewEmployment),
    ];

    private static readonly Dictionary<string, TargetMeasure> ByKey = All.ToDictionary(t => t.Key);

    public static TargetMeasure? Find(string key) => ByKey.GetValueOrDefault(key);

    private static long NewEmploymentMembers(Totals totals) => totals.NewEmployment.Values.Sum(g => g.Members);
}
