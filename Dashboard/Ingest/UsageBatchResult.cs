namespace Coverage.Dashboard.Ingest;

/// <summary>The answer to an accepted usage batch or import: how many stations and station-days it carried, all now committed.</summary>
public sealed record UsageBatchResult(int Stations, int Days);
