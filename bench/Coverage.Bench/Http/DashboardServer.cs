using System.Reflection;
using Coverage.Bench.Harness;

namespace Coverage.Bench.Http;

/// <summary>The real app, started from its own build output with the settings an operator would give it.</summary>
public static class DashboardServer
{
    public static string Assembly =>
        typeof(DashboardServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "DashboardAssembly").Value!;

    public static Task<ServerProcess> StartAsync(BenchDatabase database, string adminKey)
    {
        var settings = new Dictionary<string, string?>(database.Settings())
        {
            ["Demo:Enabled"] = "false",
            ["Auth:BootstrapAdminKey"] = adminKey,
            ["Auth:AllowAnonymousRead"] = "true",
            ["RateLimit:WritesPerSecond"] = "1000000",
            ["RateLimit:Burst"] = "1000000",
            ["RateLimit:AnonymousRequestsPerSecond"] = "0",
        };
        return ServerProcess.StartAsync(Assembly, [], settings, "/readyz");
    }
}
