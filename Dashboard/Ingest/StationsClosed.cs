namespace Coverage.Dashboard.Ingest;

/// <summary>How many stations a batch closed.</summary>
public sealed record StationsClosed(int Closed);
