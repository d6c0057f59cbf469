namespace Coverage.Contracts;

/// <summary>One point of an org's history: its totals as last seen on that day (China Standard Time).</summary>
public sealed record DailyTotals(DateOnly Day, Totals Totals);
