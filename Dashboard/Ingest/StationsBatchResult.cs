namespace Coverage.Dashboard.Ingest;

/// <summary>What a batch of registrations did: stations new, stations changed, stations already as sent.</summary>
public sealed record StationsBatchResult(int Registered, int Updated, int Unchanged);
