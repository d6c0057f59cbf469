using Coverage.Runtime;
using Coverage.Silo.Hosting;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coverage.Tests.Infrastructure;

/// <summary>The silo alone (runtime, storage, tree) on its own fresh database, with extra grains a test may register.</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _ownsDatabase;
    private bool _stopped;

    private SiloHost(IHost host, TestDatabase database, bool ownsDatabase)
    {
        _host = host;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => Services.GetRequiredService<GrainRuntime>();

    public IGrainStateStore Store => Services.GetRequiredService<IGrainStateStore>();

    public static async Task<SiloHost> StartAsync(StorageProvider provider = StorageProvider.Sqlite, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        var owns = database is null;
        database ??= await TestDatabase.CreateAsync(provider);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(database.Settings().Concat(settings ?? new Dictionary<string, string?>()));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCoverageSilo();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHost(host, database, owns);
    }

    /// <summary>An orderly stop, as on SIGTERM: every activation writes what it holds; the database stays readable.</summary>
    public async Task StopAsync()
    {
        _stopped = true;
        await _host.StopAsync();
    }

    /// <summary>Stops the way a process that is killed stops: no shutdown work, so nothing written behind is flushed.</summary>
    public async Task AbandonAsync()
    {
        _stopped = true;
        await Services.GetRequiredService<GroupCommitter>().DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
            await _host.StopAsync();
        await ((IAsyncDisposable)_host).DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }
}
