namespace Coverage.Contracts;

/// <summary>
/// Rates computed from summed numerators and denominators; null where the denominator is zero. Besides the ratios, the
/// stations' two: visits in the last 7 days per station, and stations per 10,000 new-employment workers.
/// </summary>
public sealed record Rates(
    double? Membership,
    double? UnitCoverage,
    double? Verification,
    double? NewEmployment,
    IReadOnlyDictionary<string, double?> NewEmploymentByGroup,
    double? VisitsPerStation,
    double? StationsPer10kNewEmployment)
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
            totals.NewEmployment.ToDictionary(g => g.Key, g => Ratio(g.Value.Members, g.Value.Workers)),
            Ratio(totals.StationVisits.Last7Days, totals.Stations),
            Ratio(totals.Stations * 10_000, workers));
    }

    public static double? Ratio(long numerator, long denominator) =>
        denominator == 0 ? null : (double)numerator / denominator;
}
