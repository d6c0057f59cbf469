namespace Coverage.Contracts;

/// <summary>
/// Progress against the targets set for an org for one year (China Standard Time). An org is behind on a measure when
/// its attainment is below the fraction of the year already elapsed; it is behind overall when it is behind on any.
/// </summary>
public sealed record Attainment(
    int Year,
    double ElapsedFraction,
    IReadOnlyDictionary<string, TargetAttainment> Measures,
    bool Behind);
