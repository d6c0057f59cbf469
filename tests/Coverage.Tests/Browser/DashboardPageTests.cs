using Microsoft.Extensions.DependencyInjection;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Browser;

/// <summary>The page as a leader uses it, in headless Chromium against the real app.</summary>
public sealed class DashboardPageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>A scenario on a fresh app, given 兴宁区's code and the admin key.</summary>
    private static async Task RunOnXingningAsync(string script)
    {
        await using var app = await LiveApp.StartAsync();
        await NodeScenario.RunAsync(script, [app.BaseUrl, "450102", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public async Task NationalMapShowsColouredProvinces()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("map-loads.mjs", [app.BaseUrl], Limit);
    }

    [BrowserFact]
    public async Task FigurePushedThroughTheApiAppearsOnThePageWithinASecond()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("live-update.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public async Task ACityColouredByStationDensityShowsEachCountysOwnAndItsStationCardsTheCitys()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("station-rates.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public Task AnAdminIssuesACountyAKeyFoundByNameOnTheKeysPageAndRevokesIt() =>
        RunOnXingningAsync("keys.mjs");

    [BrowserFact]
    public async Task ALeaderComparesTheTrendsOfACitysCountiesLineByLine()
    {
        await using var app = await LiveApp.StartAsync();
        await app.WriteWeeklyHistoryAsync(weeks: 8, employees: 10_000, dropPerWeek: 50, ("450102", 1_000), ("450103", 3_000));
        await NodeScenario.RunAsync("trend-compare.mjs", [app.BaseUrl, "450100", "450102"], Limit);
    }

    [BrowserFact]
    public async Task AnOpenTrendsLatestPointFollowsPushedFiguresWithinAMinute()
    {
        await using var app = await LiveApp.StartAsync();
        await app.WriteWeeklyHistoryAsync(weeks: 6, employees: 10_000, dropPerWeek: 0, ("450102", 1_000));
        await NodeScenario.RunAsync("trend-live.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public Task ALateAnswerToAnEarlierFetchOfTheChildrenDoesNotUndoANewerOne() =>
        RunOnXingningAsync("tree-order.mjs");

    [BrowserFact]
    public Task ALeaderFindsAGrassrootsUnionByPartOfItsNameAndACountyByItsCode() =>
        RunOnXingningAsync("org-search.mjs");

    [BrowserFact]
    public Task AnOpenCountyMapShowsAStationAsItIsRegisteredAndDropsItAsItCloses() =>
        RunOnXingningAsync("stations-live.mjs");

    [BrowserFact]
    public async Task APageOpenedWhileTheDemoIsSeededCountsTheSeedAndShowsTheWrittenYearOnceItIsDone()
    {
        await using var app = await LiveApp.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });
        await NodeScenario.RunAsync("demo-seed.mjs", [app.BaseUrl, "450100"], Limit);
    }

    [BrowserFact]
    public async Task WithoutAnonymousReadTheDashboardAsksForAKeyAndARevokedOneIsToldWhomToAskForANewOne()
    {
        await using var app = await LiveApp.StartAsync(new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "false" });
        await NodeScenario.RunAsync("reader-key.mjs", [app.BaseUrl, "450100", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public Task ACountyUnionDeregistersAClosedUnitOnTheSubmissionsPageAfterBeingToldWhichCodeIsNotItsOwn() =>
        RunOnXingningAsync("deregister.mjs");

    [BrowserFact]
    public async Task AnOpenCountyViewGainsRenamesAndLosesItsGrassrootsUnionsLiveAsTheyAreRegisteredAndDeregistered()
    {
        await using var app = await LiveApp.StartAsync();
        await app.WriteWeeklyHistoryAsync(weeks: 4, employees: 1_000, dropPerWeek: 20, ("450102-L1", 500), ("450102-L2", 500));
        await NodeScenario.RunAsync("tree-live.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public async Task ACityAdminRegistersADevelopmentZoneOnTheKeysPageAndSeesItRankedAmongItsCounties()
    {
        await using var app = await LiveApp.StartAsync();
        await NodeScenario.RunAsync("federation.mjs", [app.BaseUrl, "450100", "450102", LiveApp.AdminKey], Limit);
    }

    [BrowserFact]
    public Task ACountyUnionUploadsItsFilledSheetOnTheSubmissionsPageAndIsToldWhichCellsToFix() =>
        RunOnXingningAsync("upload.mjs");

    [BrowserFact]
    public async Task APageLeftOpenFetchesItsViewAgainAfterMidnightChinaTime()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("midnight.mjs", [app.BaseUrl], Limit);
    }

    [BrowserFact]
    public async Task ThePageFitsAPhoneScreenWithTheRankingScrollingInItsPanelAndTheLegendUnderTheMap()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("phone.mjs", [app.BaseUrl], Limit);
    }

    [BrowserFact]
    public async Task BigScreenModeEnlargesTheMapsTextAndKeepsItsLegendClearOfTheMap()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("big-screen.mjs", [app.BaseUrl], Limit);
    }

    [BrowserFact]
    public Task ACountyUnionSeesOnTheSubmissionsPageWhatWasAcceptedFromItsWrites() =>
        RunOnXingningAsync("accepted.mjs");

    [BrowserFact]
    public Task AnOpenSubmissionsPageShowsTodaysWritesAsTheyAreAccepted() =>
        RunOnXingningAsync("accepted-live.mjs");

    [BrowserFact]
    public async Task AClickOnTheMapOpensTheRegionWhileLiveUpdatesArrive()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("clicks-live.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey, "map"], Limit);
    }

    [BrowserFact]
    public async Task AClickOnARankingRowOpensItsOrgWhileLiveUpdatesArrive()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await NodeScenario.RunAsync("clicks-live.mjs", [app.BaseUrl, "450102", LiveApp.AdminKey, "ranking"], Limit);
    }

    [BrowserFact]
    public async Task DrillDownToACountyAndBackWithTheBrowser()
    {
        await using var app = await LiveApp.StartAsync();
        await app.SeedOneCountyPerProvinceAsync();
        await app.SeedProvinceAsync("450000");
        await NodeScenario.RunAsync("drill-down.mjs", [app.BaseUrl], Limit);
    }

    [BrowserFact]
    public async Task DisconnectedIndicatorShowsWhenTheServerStops()
    {
        var app = await LiveApp.StartAsync();
        try
        {
            await app.SeedOneCountyPerProvinceAsync();
            await NodeScenario.RunAsync("disconnect.mjs", [app.BaseUrl], Limit, async line =>
            {
                if (line.Trim() != "READY_TO_STOP")
                    return null;
                await app.DisposeAsync();
                return "STOPPED";
            });
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
