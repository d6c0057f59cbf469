namespace Coverage.Contracts;

/// <summary>What readers see of one org: its own figures, its totals over the subtree and the rates from them.</summary>
public sealed record OrgSummary(
    string Code,
    string Name,
    OrgLevel Level,
    OrgKind Kind,
    string? ParentCode,
    Figures? Own,
    Totals Totals,
    Rates Rates,
    long Version,
    DateTimeOffset? UpdatedAt,
    Attainment? Attainment = null);
