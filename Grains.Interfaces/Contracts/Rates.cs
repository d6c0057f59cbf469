namespace Coverage.Contracts;

/// <summary>Rates computed from summed numerators and denominators; null where the denominator is zero.</summary>
public sealed record Rates(
    double? Membership,
    double? UnitCoverage,
    double? Verification,
    double? NewEmployment,
    IReadOnlyDictionary<string, double?> NewEmploymentByGroup)
{
    public static Rates Of(Totals totals)
    {
        var workers = totals.NewEmployment.Values.Sum(g => g.Workers);
        var members = totals.NewEmployment.Values.Sum(g => g.Members);
        return new Rates(
            Ratio(totals.Members, totals.Employees),
            Ratio(totals.UnitsUnionized, totals.UnitsRequired),
            Ratio(totals.VerifiedMembers, totals.Members),
            Ratio(members, workers),
            totals.NewEmployment.ToDictionary(g => g.Key, g => Ratio(g.Value.Members, g.Value.Workers)));
    }

    public static double? Ratio(long numerator, long denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;
}
