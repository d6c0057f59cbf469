namespace Coverage.Dashboard.Ingest;

/// <summary>One org's targets for a year in a batch, with the path errors about the org are keyed by.</summary>
public sealed record TargetsItem(string Path, string Code, int Year, IReadOnlyDictionary<string, double> Targets);
