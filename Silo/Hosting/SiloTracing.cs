using System.Diagnostics;

namespace Coverage.Silo.Hosting;

/// <summary>
/// The silo's spans in the "Coverage" activity source. A commit serves many requests at once, so its span is a trace of
/// its own that links to the spans of the requests whose writes it carried, as OpenTelemetry models batches.
/// </summary>
public static class SiloTracing
{
    public const string SourceName = "Coverage";

    internal static readonly ActivitySource Source = new(SourceName);
}
