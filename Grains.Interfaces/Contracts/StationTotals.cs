namespace Coverage.Contracts;

/// <summary>A station's contribution to its org; null totals mean the station no longer belongs to that org.</summary>
public sealed record StationTotals(string StationId, Aggregate? Totals, long Version);
