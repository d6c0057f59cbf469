namespace Coverage.Dashboard.Ingest;

/// <summary>What a targets batch did: how many orgs' targets of a year it set, and how many of those were as already stored.</summary>
public sealed record TargetsBatchResult(int Set, int Unchanged);
