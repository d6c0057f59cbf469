using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Coverage.Silo.History;
using Coverage.Silo.Targets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coverage.Silo.Hosting;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>Daily org history (recorded from every summary change), targets and attainment, search and station lists.</summary>
    public static IHostApplicationBuilder AddCoverageAnalytics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<HistoryBuffer>();
        services.AddSingleton<IOrgChangeSink>(sp => sp.GetRequiredService<HistoryBuffer>());
        services.AddSingleton<OrgHistory>();
        services.AddHostedService<HistoryFlusher>();
        services.AddSingleton<TargetStore>();
        services.AddHostedService<TargetPreload>();
        services.AddSingleton<AttainmentCalculator>();
        services.AddSingleton<SummaryReader>();
        services.AddSingleton<OrgSearch>();
        services.AddSingleton<StationIndex>();
        return builder;
    }
}
