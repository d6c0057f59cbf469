namespace Coverage.Contracts;

/// <summary>One target: the value set, the actual value now, actual / target, and whether that lags the year.</summary>
public sealed record TargetAttainment(double Target, double? Actual, double? Ratio, bool Behind);
