using Coverage.Runtime;
using Coverage.Silo.Hosting;
using Coverage.Silo.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Coverage.Bench.Harness;

/// <summary>The silo hosted in this process the way the app hosts it (AddCoverageSilo), plus any grains a benchmark adds.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IGrainStateStore Store => Services.GetRequiredService<IGrainStateStore>();

    public static async Task<BenchSilo> StartAsync(BenchDatabase database, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(database.Settings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCoverageSilo();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        ((IDisposable)_host).Dispose();
    }
}
