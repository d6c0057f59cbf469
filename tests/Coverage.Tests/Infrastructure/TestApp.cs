using Coverage.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// What every in-process test app shares: the whole Dashboard on a test database, the demo off, a bootstrap admin key,
/// settings a test adds or overrides, and the database removed with the app when the app owns it.
/// </summary>
public abstract class TestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsDatabase;

    protected TestApp(TestDatabase database, bool ownsDatabase, string adminKey, IDictionary<string, string?> settings)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        _settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Auth:BootstrapAdminKey"] = adminKey,
            ["Demo:Enabled"] = "false",
        };
        foreach (var (key, value) in settings)
            _settings[key] = value;
    }

    public TestDatabase Database { get; }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Services a test app replaces, such as the clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(ConfigureServices);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }
}
