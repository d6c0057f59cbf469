using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Coverage.Silo.Hierarchy;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// Seeds an empty database with demo figures for the whole country, then keeps county and station figures moving
/// through the same grain calls the API makes, so the map is alive. Refuses to touch a database that holds real data, and
/// leaves alone every county written through the API, even while it seeds.
/// </summary>
public sealed class DemoService(
    IOptions<DemoOptions> options,
    DemoStatus status,
    DemoMarker marker,
    OrgDirectory directory,
    OrgRegistry registry,
    IGrainFactory grains,
    CountyShapes shapes,
    DemoHistory history,
    DemoTargets targets,
    AuditLog audit,
    TimeProvider clock,
    ILogger<DemoService> logger) : BackgroundService
{
    private const string Complete = "complete";
    private static readonly string[] Amenities = ["饮水", "热饭", "充电", "如厕", "休息", "急救药箱", "空调"];
    private readonly DemoFigures _figures = new(options.Value.Seed);
    private readonly ApiWrittenCounties _apiWritten = new(audit);

    /// <summary>Decides whether this is a demo before the server listens, since whether reads need a key follows from it.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            var phase = await marker.ReadAsync();
            if (phase is null && !await marker.DatabaseIsEmptyAsync())
            {
                status.Enter(DemoPhase.RefusedRealData);
                logger.LogWarning("Demo:Enabled is on, but the database already holds data that is not demo data; the demo stays off");
            }
            else
                status.Enter(phase is not null && phase.Contains(Complete, StringComparison.Ordinal) ? DemoPhase.Running : DemoPhase.Seeding);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!status.IsDemo)
            return;
        var seeded = status.Phase == DemoPhase.Running;
        var stations = PlanStations();
        if (!seeded)
        {
            await marker.WriteAsync("seeding");
            await SeedAsync(stations, stoppingToken);
            await marker.WriteAsync(Complete);
        }
        // On every start, so a demo database seeded in one year gets the next year's targets when started in it.
        logger.LogInformation("Demo: this year's targets set for {Orgs} provinces, cities and counties", await targets.SetAsync(options.Value.Seed));
        // Only now: pages opened during the seed fetch their view again on this, and should find the targets too.
        status.Enter(DemoPhase.Running);
        logger.LogInformation("Demo running: {Rate} updates a second over {Counties} counties and {Stations} stations",
            options.Value.UpdatesPerSecond, Counties().Count(), stations.Count);
        await new DemoSimulator(_figures, grains, _apiWritten, clock, logger).RunAsync(Counties().Select(c => c.Code).ToArray(),
            stations.Select(s => (s.Id, s.Info.OrgCode)).ToArray(), options.Value.UpdatesPerSecond, stoppingToken);
    }

    private IEnumerable<OrgInfo> Counties() => directory.All.Where(o => o.Level == OrgLevel.County);

    private List<(string Id, StationInfo Info)> PlanStations()
    {
        var random = new Random(options.Value.Seed);
        var planned = new List<(string, StationInfo)>();
        foreach (var province in directory.ChildrenOf(OrgDirectory.NationalCode))
        {
            var shapesOfProvince = shapes.ForProvince(province.Code);
            foreach (var county in Counties().Where(c => directory.IsWithin(c.Code, province.Code)).OrderBy(c => c.Code))
            {
                if (!shapesOfProvince.TryGetValue(county.Code, out var shape))
                    continue;
                for (var i = 1; i <= options.Value.StationsPerCounty; i++)
                {
                    var (lat, lon) = shape.PlaceNear(random, spread: 0.08);
                    var info = new StationInfo(county.Code, $"{county.Name}第{i}户外劳动者服务站", lat, lon,
                        random.Next(3) == 0, random.Next(2) == 0, Amenities.Where(_ => random.Next(3) > 0).ToArray());
                    planned.Add(($"{county.Code}-{i:00}", info));
                }
            }
        }
        return planned;
    }

    private async Task SeedAsync(List<(string Id, StationInfo Info)> stations, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var counties = Counties().OrderBy(c => c.Code).ToList();
        var units = counties.Where(c => c.Code.StartsWith("45", StringComparison.Ordinal)).ToList();
        status.Planned(counties.Count + stations.Count + (units.Count * 3));
        logger.LogInformation("Demo: seeding {Counties} counties, {Units} grassroots unions and {Stations} stations", counties.Count, units.Count * 3, stations.Count);
        var countyFigures = counties.Select(c => (c.Code, Figures: _figures.ForCounty(c.Code[..2], now))).ToList();
        await InChunksAsync(countyFigures, c => c.Code, c => SeedCountyAsync(c.Code, c.Figures), stoppingToken);
        logger.LogInformation("Demo: counties seeded");
        await _apiWritten.RefreshAsync(stoppingToken);
        foreach (var county in units.Where(u => !_apiWritten.Contains(u.Code)))
        {
            foreach (var (suffix, name, kind) in UnitsOf(county))
            {
                var unit = new OrgInfo($"{county.Code}{suffix}", name, OrgLevel.Grassroots, kind, county.Code);
                await registry.PutAsync(unit);
                await grains.GetGrain<IOrgGrain>(unit.Code).SetFigures(_figures.ForCounty(county.Code[..2], now, 0.02));
                status.Seeded();
            }
        }
        var today = Contracts.ChinaClock.Today(clock);
        var usage = stations.Select(s => (s.Id, s.Info, Days: Enumerable.Range(0, 30)
            .Select(d => new DailyUsage(today.AddDays(-d), _figures.Random.Next(s.Info.Smart ? 8 : 3, s.Info.Smart ? 30 : 18))).ToList())).ToList();
        await InChunksAsync(usage, s => s.Info.OrgCode, async s =>
        {
            var station = grains.GetGrain<IStationGrain>(s.Id);
            await station.Register(s.Info);
            await station.ReportUsage(s.Days);
        }, stoppingToken);
        logger.LogInformation("Demo: a year of history written ({Points} points)", await history.WriteAsync(options.Value.Seed));
        logger.LogInformation("Demo: seeding complete");
    }

    /// <summary>A county the API wrote while the seed was under way keeps what it was sent.</summary>
    private async Task SeedCountyAsync(string code, Figures figures)
    {
        try
        {
            await grains.GetGrain<IOrgGrain>(code).SetFigures(figures);
        }
        catch (StaleFiguresException)
        {
            logger.LogInformation("Demo: {County} was written through the API during the seed; it keeps those figures", code);
        }
    }

    private async Task InChunksAsync<T>(IEnumerable<T> items, Func<T, string> countyOf, Func<T, Task> write, CancellationToken stoppingToken)
    {
        var done = 0;
        foreach (var chunk in items.Chunk(64))
        {
            stoppingToken.ThrowIfCancellationRequested();
            await _apiWritten.RefreshAsync(stoppingToken);
            await Task.WhenAll(chunk.Where(item => !_apiWritten.Contains(countyOf(item))).Select(write));
            status.Seeded(chunk.Length);
            if ((done += chunk.Length) % 2048 < chunk.Length)
                logger.LogInformation("Demo: {Done} written, {Progress:P0} of the seed", done, status.Progress);
        }
    }

    private static IEnumerable<(string Suffix, string Name, OrgKind Kind)> UnitsOf(OrgInfo county) =>
    [
        ("U001", $"{county.Name}快递行业联合工会", OrgKind.Joint),
        ("U002", $"{county.Name}外卖配送行业工会", OrgKind.Sector),
        ("U003", $"{county.Name}城市建设投资有限公司工会", OrgKind.Enterprise),
    ];
}
