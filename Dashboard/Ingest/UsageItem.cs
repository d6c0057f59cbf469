using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>One station's days of a batch, with the path its errors are keyed by.</summary>
public sealed record UsageItem(string Path, string StationId, IReadOnlyList<DailyUsage> Usage);
