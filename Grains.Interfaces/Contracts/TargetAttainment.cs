namespace Coverage.Contracts;

/// <summary>One target: what it measures (in Chinese, for display), the value set, the actual value now, actual / target, and whether that lags the year.</summary>
public sealed record TargetAttainment(string Label, double Target, double? Actual, double? Ratio, bool Behind);
