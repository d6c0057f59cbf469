namespace Coverage.Contracts;

/// <summary>A child's totals as it reports them upward; a parent keeps only the highest version it has seen.</summary>
public sealed record ChildTotals(string Code, Aggregate Totals, long Version);
