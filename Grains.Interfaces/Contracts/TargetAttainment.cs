namespace Coverage.Contracts;

/// <summary>
/// One target: what it measures (in Chinese, for display) and whether that is a rate, the value set, the actual value now,
/// actual / target, and whether that lags the year.
/// </summary>
public sealed record TargetAttainment(string Label, bool IsRate, double Target, double? Actual, double? Ratio, bool Behind);
