using Coverage.Dashboard.Ingest;
using Coverage.Silo.Audit;

namespace Coverage.Dashboard.Hosting;

public static class IngestServiceCollectionExtensions
{
    /// <summary>What the write endpoints need: input readers, the batch appliers, unit registration and the audit log.</summary>
    public static IHostApplicationBuilder AddCoverageIngest(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AuditLog>();
        services.AddSingleton<FiguresReader>();
        services.AddSingleton<StationReader>();
        services.AddSingleton<StorageProbe>();
        services.AddSingleton<FiguresBatch>();
        services.AddSingleton<StationBatch>();
        services.AddSingleton<StationArrivals>();
        services.AddSingleton<TargetBatch>();
        services.AddSingleton<OrgRegistration>();
        return builder;
    }
}
