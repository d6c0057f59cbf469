using Coverage.Contracts;

namespace Coverage.Silo.Analytics;

/// <summary>A named number read from an org's totals, rates or attainment, with its Chinese label for exports.</summary>
public sealed record Measure(string Name, string Label, Func<Totals, Rates, Attainment?, double?> Read)
{
    public MeasureUnit Unit { get; init; } = Name.StartsWith("totals.", StringComparison.Ordinal) ? MeasureUnit.Count : MeasureUnit.Ratio;

    /// <summary>Visits today or in the last days move with the calendar, so a day's value cannot be carried to a later day.</summary>
    public bool CountsRecentDays { get; init; } = Name.StartsWith(Measures.StationVisitsPrefix, StringComparison.Ordinal);

    public double? ValueOf(OrgSummary summary) => Read(summary.Totals, summary.Rates, summary.Attainment);

    public double? ValueOf(Totals totals) => Read(totals, Rates.Of(totals), null);

    /// <summary>Attainment depends on targets set today, so it has no history.</summary>
    public bool HasHistory => !Name.StartsWith(Measures.AttainmentPrefix, StringComparison.Ordinal);
}
