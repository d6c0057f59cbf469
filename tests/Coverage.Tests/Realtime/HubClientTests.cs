using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Realtime;

/// <summary>The hub driven by the real @microsoft/signalr JavaScript client under Node.</summary>
public sealed class HubClientTests
{
    [Fact]
    public async Task SubscriberReceivesItsProvinceTotalsAgainAfterReconnecting()
    {
        await using var app = await LiveApp.StartAsync();
        await NodeScenario.RunAsync("hub-client.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task WatchersOfACountyAndOfItsUnitAreToldOfTheUnitsRegistrationRenamingAndDeregistrationTheCitysAreNotAndTheUnitsKeyLosesItsConnection()
    {
        await using var app = await LiveApp.StartAsync();
        await NodeScenario.RunAsync("hub-tree.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task RevokingAKeyClosesTheHubConnectionsItOpened()
    {
        // Where reads are open, a revoked key is merely anonymous; closed reads are where its connection must end.
        await using var app = await LiveApp.StartAsync(new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "false" });
        await NodeScenario.RunAsync("hub-revoked.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ASubscriptionToNoOrgOrToOneOrgTooManyIsRefusedWithItsReasonAndTheConnectionStaysOpen()
    {
        await using var app = await LiveApp.StartAsync();
        await NodeScenario.RunAsync("hub-refusals.mjs", [app.BaseUrl, "450102"], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task ConnectionsPastAClientsOrTheServersLimitAreRefusedWithTheReasonUntilOneCloses()
    {
        await using var app = await LiveApp.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimit:HubConnectionsPerClient"] = "2",
            ["RateLimit:HubConnections"] = "4",
        });
        await NodeScenario.RunAsync("hub-connections.mjs", [app.BaseUrl, LiveApp.AdminKey], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task CallsPastAConnectionsLimitAreRefusedWithTheReasonAndTheConnectionStaysOpen()
    {
        await using var app = await LiveApp.StartAsync();
        await NodeScenario.RunAsync("hub-flood.mjs", [app.BaseUrl, "450102"], TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TheHubCallRateIsASettingAndItsRefusalsNameIt()
    {
        await using var app = await LiveApp.StartAsync(new Dictionary<string, string?> { ["RateLimit:HubCallsPerSecond"] = "3" });
        await NodeScenario.RunAsync("hub-flood.mjs", [app.BaseUrl, "450102", "3"], TimeSpan.FromSeconds(60));
    }
}
