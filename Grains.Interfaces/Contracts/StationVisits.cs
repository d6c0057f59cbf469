namespace Coverage.Contracts;

/// <summary>Visits counted over windows that end today (China Standard Time).</summary>
public sealed record StationVisits(long Today, long Last7Days, long Last30Days);
