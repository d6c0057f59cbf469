namespace Coverage.Bench.Ingest;

/// <summary>
/// Where the ingest load goes: a server, the path for one org code, the bearer key it expects, and the server's CPU
/// seconds when it runs here as a child process.
/// </summary>
public sealed record IngestTarget(string Name, string Database, Uri BaseAddress, Func<string, string> PathFor, string? Key,
    Func<double>? ServerCpuSeconds = null);
