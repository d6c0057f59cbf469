using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;

namespace Coverage.Dashboard.Demo;

/// <summary>Keeps the demo moving: small county figure changes and station visits, a steady number per second, one at a time.</summary>
public sealed class DemoSimulator(DemoFigures figures, IGrainFactory grains, TimeProvider clock, ILogger logger)
{
    private const int TicksPerSecond = 4;

    public async Task RunAsync(string[] counties, string[] stations, int updatesPerSecond, CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / TicksPerSecond), clock);
        var perTick = Math.Max(1, updatesPerSecond / TicksPerSecond);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                for (var i = 0; i < perTick; i++)
                {
                    await (i % 4 == 3 && stations.Length > 0
                        ? VisitAsync(stations[figures.Random.Next(stations.Length)])
                        : StepAsync(counties[figures.Random.Next(counties.Length)]));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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
