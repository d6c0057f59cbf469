namespace Coverage.Contracts;

/// <summary>One measure of one org over time.</summary>
public sealed record TimeSeries(string Code, string Measure, SeriesInterval Interval, IReadOnlyList<SeriesPoint> Points);
