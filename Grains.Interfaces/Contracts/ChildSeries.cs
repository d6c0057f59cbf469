namespace Coverage.Contracts;

/// <summary>One child's time series among its siblings'.</summary>
public sealed record ChildSeries(string Code, string Name, IReadOnlyList<SeriesPoint> Points);
