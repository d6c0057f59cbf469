using Coverage.Dashboard.Demo;

namespace Coverage.Dashboard.Hosting;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo (Demo:Enabled, on by default): seeds an empty database and keeps the figures moving.</summary>
    public static IHostApplicationBuilder AddCoverageDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection("Demo"))
            .Validate(o => !o.Enabled || o.UpdatesPerSecond >= 1, "Demo:UpdatesPerSecond must be at least 1; Demo:Enabled=false turns the demo off.")
            .Validate(o => !o.Enabled || o.StationsPerCounty >= 0, "Demo:StationsPerCounty must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DemoStatus>();
        builder.Services.AddSingleton<DemoMarker>();
        builder.Services.AddSingleton<DemoHistory>();
        builder.Services.AddSingleton<DemoTargets>();
        builder.Services.AddSingleton(sp => new CountyShapes(sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));
        builder.Services.AddHostedService<DemoService>();
        return builder;
    }
}
