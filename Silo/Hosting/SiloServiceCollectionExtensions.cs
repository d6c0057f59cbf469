using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Keys;
using Coverage.Silo.Rollup;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coverage.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>The grain runtime with its grains, storage (Storage:Provider, ConnectionStrings:Coverage) and the union tree.</summary>
    public static IHostApplicationBuilder AddCoverageSilo(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().Bind(builder.Configuration.GetSection("Storage"))
            .Validate(o => o.MaxBatch >= 1, "Storage:MaxBatch must be at least 1: it is the most writes one commit takes.")
            .ValidateOnStart();
        services.AddOptions<GrainRuntimeOptions>().Bind(builder.Configuration.GetSection("GrainRuntime"))
            .Validate(o => o.CollectionAge > TimeSpan.Zero, "GrainRuntime:CollectionAge must be longer than zero, such as 00:15:00.")
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "GrainRuntime:CallTimeout must be longer than zero, such as 00:00:30.")
            .Validate(o => o.MaxActivations >= 1, "GrainRuntime:MaxActivations must be at least 1, such as 200000.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddSingleton(sp => new Database(sp.GetRequiredService<StorageOptions>(), builder.Configuration.GetConnectionString("Coverage")));
        services.AddSingleton<SiloMetrics>();
        services.AddSingleton<WriterClaim>();
        services.AddSingleton<StorageOutageLog>();
        services.AddSingleton<GroupCommitter>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IGrainStateStore, SqlGrainStateStore>();
        services.AddSingleton<OrgDirectory>();
        services.AddSingleton<IOrgDirectory>(sp => sp.GetRequiredService<OrgDirectory>());
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<StoredStations>();
        services.AddSingleton<OrgRegistry>();
        services.AddSingleton<RollupRecovery>();
        services.AddSingleton<ConsistencyCheck>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddGrain<IOrgGrain, OrgGrain>();
        services.AddGrain<IStationGrain, StationGrain>();
        services.AddHostedService<SiloStartup>();
        services.AddHostedService<ActivationSweeper>();
        services.AddHostedService<KeyUseWriter>();
        return builder;
    }

    public static IServiceCollection AddGrain<TInterface, TGrain>(this IServiceCollection services)
        where TInterface : IGrainWithStringKey
        where TGrain : class, TInterface =>
        services.AddSingleton(new GrainRegistration(typeof(TInterface), typeof(TGrain)));
}
