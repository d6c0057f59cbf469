using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Hosting;

/// <summary>
/// A setting that cannot work stops the start with a message naming it, rather than running strangely. The failing starts
/// run the real process: an in-memory test host can lose a start's error to its own disposal when the start fails at once.
/// </summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Storage:MaxBatch", "0", "Storage:MaxBatch must be at least 1")]
    [InlineData("GrainRuntime:CallTimeout", "00:00:00", "GrainRuntime:CallTimeout must be longer than zero")]
    [InlineData("GrainRuntime:CollectionAge", "-00:01:00", "GrainRuntime:CollectionAge must be longer than zero")]
    [InlineData("GrainRuntime:MaxActivations", "0", "GrainRuntime:MaxActivations must be at least 1")]
    [InlineData("RateLimit:WritesPerSecond", "-1", "RateLimit:WritesPerSecond and RateLimit:Burst must each be at least 1")]
    [InlineData("RateLimit:AnonymousRequestsPerSecond", "-5", "RateLimit:AnonymousRequestsPerSecond must not be negative")]
    [InlineData("RateLimit:HubCallsPerSecond", "0", "RateLimit:HubCallsPerSecond must be at least 1")]
    [InlineData("RateLimit:HubConnectionsPerClient", "0", "RateLimit:HubConnections and RateLimit:HubConnectionsPerClient must each be at least 1")]
    [InlineData("Auth:BootstrapAdminKey", "short", "Auth:BootstrapAdminKey must be 16 to 256 characters")]
    [InlineData("Auth:BootstrapAdminKey", " padded-admin-key-0123456789 ", "Auth:BootstrapAdminKey must be 16 to 256 characters")]
    public async Task ASettingThatCannotWorkStopsTheStartAndIsNamed(string setting, string value, string message)
    {
        await using var database = await TestDatabase.CreateAsync(Silo.Storage.StorageProvider.Sqlite);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardProcess.StartAsync(database, new Dictionary<string, string?> { [setting] = value }));

        Assert.Contains("The Dashboard exited with", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task TheDemoRateIsCheckedOnlyWhenTheDemoIsOn()
    {
        await using var off = await CoverageApp.StartAsync(settings: new Dictionary<string, string?> { ["Demo:UpdatesPerSecond"] = "0" });

        await using var database = await TestDatabase.CreateAsync(Silo.Storage.StorageProvider.Sqlite);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:UpdatesPerSecond"] = "0",
        }));
        Assert.Contains("Demo:UpdatesPerSecond must be at least 1", error.Message);
    }
}
