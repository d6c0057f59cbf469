namespace Coverage.Contracts;

/// <summary>One bucket of a time series, dated by the bucket's first day.</summary>
public sealed record SeriesPoint(DateOnly Date, double? Value);
