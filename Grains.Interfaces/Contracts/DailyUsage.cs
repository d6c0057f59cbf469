namespace Coverage.Contracts;

/// <summary>Visits to a station on one day; a later report for the same day replaces the earlier one.</summary>
public sealed record DailyUsage(DateOnly Date, long Visits);
