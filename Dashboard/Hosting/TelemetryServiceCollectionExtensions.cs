using Coverage.Silo.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Coverage.Dashboard.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The meters an operator watches: ours, HTTP, Kestrel, SignalR connections and the .NET runtime.</summary>
    private static readonly string[] Meters =
    [
        SiloMetrics.MeterName,
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "System.Runtime",
    ];

    /// <summary>The spans sent: API requests (ASP.NET Core's), commits (ours, linked to the requests they served) and their statements (Npgsql's).</summary>
    private static readonly string[] Sources = [SiloTracing.SourceName, "Npgsql"];

    /// <summary>
    /// Metrics and traces go to an OpenTelemetry collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names one, and nowhere
    /// otherwise, so an app without a collector pays nothing; <c>dotnet-counters</c> reads the same meters in either case.
    /// </summary>
    public static IHostApplicationBuilder AddCoverageTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return builder;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "coverage"))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            // The page's files, health probes and hub connections would only bury the API's requests.
            .WithTracing(tracing => tracing.AddSource(Sources)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path.StartsWithSegments("/api")))
            .UseOtlpExporter();
        return builder;
    }
}
