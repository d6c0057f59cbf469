using Coverage.Dashboard.Demo;

namespace Coverage.Dashboard.Hosting;

public static class DemoServiceCollectionExtensions
{
    /// <summary>The demo (Demo:Enabled, on by default): seeds an empty database and keeps the figures moving.</summary>
    public static IHostApplicationBuilder AddCoverageDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection("Demo"));
        builder.Services.AddSingleton<DemoStatus>();
        builder.Services.AddSingleton<DemoMarker>();
        builder.Services.AddSingleton<DemoHistory>();
        builder.Services.AddSingleton(sp => new CountyCenters(sp.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider));
        builder.Services.AddHostedService<DemoService>();
        return builder;
    }
}
