using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// Keeps the demo moving: small county figure changes and station visits, a steady number per second, one at a time.
/// Counties written through the API are left alone.
/// </summary>
public sealed class DemoSimulator(DemoFigures figures, IGrainFactory grains, ApiWrittenCounties apiWritten, TimeProvider clock, ILogger logger)
{
    private const int TicksPerSecond = 4;

    /// <summary>Moves the <paramref name="counties"/> and the <paramref name="stations"/>, each named with its county.</summary>
    public async Task RunAsync(string[] counties, (string Id, string County)[] stations, int updatesPerSecond, CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / TicksPerSecond), clock);
        var perTick = Math.Max(1, updatesPerSecond / TicksPerSecond);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                if (!await TryRefreshAsync(stoppingToken))
                    continue;
                for (var i = 0; i < perTick; i++)
                {
                    if (i % 4 == 3 && stations.Length > 0)
                    {
                        var (station, county) = stations[figures.Random.Next(stations.Length)];
                        if (!apiWritten.Contains(county))
                            await VisitAsync(station);
                    }
                    else if (counties[figures.Random.Next(counties.Length)] is var county && !apiWritten.Contains(county))
                        await StepAsync(county);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Without knowing which counties the API took over, a tick could move one of them; it moves none.</summary>
    private async Task<bool> TryRefreshAsync(CancellationToken stoppingToken)
    {
        try
        {
            await apiWritten.RefreshAsync(stoppingToken);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogDebug(error, "Demo tick skipped: the audit log could not be read");
            return false;
        }
    }

    private async Task StepAsync(string county)
    {
        try
        {
            var grain = grains.GetGrain<IOrgGrain>(county);
            if ((await grain.GetSummary()).Own is { } own)
                await grain.SetFigures(figures.Step(own, clock.GetUtcNow()));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogDebug(error, "Demo update of {County} skipped", county);
        }
    }

    private async Task VisitAsync(string stationId)
    {
        try
        {
            var station = grains.GetGrain<IStationGrain>(stationId);
            if (await station.GetSummary() is { } summary)
                await station.ReportUsage([new DailyUsage(ChinaClock.Today(clock), summary.Visits.Today + figures.Random.Next(1, 4))]);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogDebug(error, "Demo visit at {Station} skipped", stationId);
        }
    }
}
