namespace Coverage.Dashboard.Ingest;

/// <summary>The answer to an accepted batch or import: how many orgs' figures it carried, all now committed.</summary>
public sealed record BatchResult(int Applied);
