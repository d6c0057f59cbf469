namespace Coverage.Contracts;

/// <summary>One measure of an org's direct children over time, a page of them in code order, for comparing their trends.</summary>
public sealed record ChildrenTimeSeries(string Code, string Measure, SeriesInterval Interval, int Total, IReadOnlyList<ChildSeries> Children);
