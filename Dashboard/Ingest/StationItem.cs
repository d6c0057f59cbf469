using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>One station of a batch of registrations, with the paths errors about the station and about its org are keyed by.</summary>
public sealed record StationItem(string Path, string OrgPath, string StationId, StationInfo Info);
