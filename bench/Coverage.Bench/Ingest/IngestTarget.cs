namespace Coverage.Bench.Ingest;

/// <summary>Where the ingest load goes: a server, the path for one org code, and the bearer key it expects.</summary>
public sealed record IngestTarget(string Name, string Database, Uri BaseAddress, Func<string, string> PathFor, string? Key);
