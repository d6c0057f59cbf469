using System.Net;
using System.Net.Http.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Demo;
using Coverage.Grains;
using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Demo;

public sealed class DemoSimulatorTests
{
    private static readonly DateTimeOffset Seeded = DateTimeOffset.UtcNow.AddDays(-1);

    private static StationInfo Station(string orgCode) => new(orgCode, "演示服务站", 22.82, 108.37, false, false, []);

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task TheDemoLeavesCountiesWrittenThroughTheApiAlone(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        foreach (var county in new[] { Xingning, Qingxiu })
            await app.Grains.GetGrain<IOrgGrain>(county).SetFigures(Figure.Of(40_000, Seeded));
        await app.Grains.GetGrain<IStationGrain>("demo-xingning").Register(Station(Xingning));
        await app.Grains.GetGrain<IStationGrain>("demo-qingxiu").Register(Station(Qingxiu));
        var sentAsOf = DateTimeOffset.UtcNow.AddHours(-1);
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000, sentAsOf))).StatusCode);
        var today = ChinaClock.Today(TimeProvider.System).ToString("yyyy-MM-dd");
        Assert.Equal(HttpStatusCode.OK,
            (await app.Admin.PostAsJsonAsync("/api/v1/stations/demo-xingning/usage", new[] { new { date = today, visits = 5 } })).StatusCode);

        using var running = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await new DemoSimulator(new DemoFigures(7), app.Grains, new ApiWrittenCounties(app.Service<AuditLog>()), TimeProvider.System,
            NullLogger.Instance).RunAsync([Xingning, Qingxiu], [("demo-xingning", Xingning), ("demo-qingxiu", Qingxiu)], 40, running.Token);

        var written = (await app.Grains.GetGrain<IOrgGrain>(Xingning).GetSummary()).Own!;
        Assert.Equal((41_000, sentAsOf), (written.Members, written.AsOf));
        Assert.Equal(5, (await app.Grains.GetGrain<IStationGrain>("demo-xingning").GetSummary())!.Visits.Today);
        Assert.True((await app.Grains.GetGrain<IOrgGrain>(Qingxiu).GetSummary()).Own!.AsOf > Seeded, "the other county moved");
        Assert.True((await app.Grains.GetGrain<IStationGrain>("demo-qingxiu").GetSummary())!.Visits.Today > 0, "the other station had visits");
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task OnlyFigureAndStationWritesHandACountyToTheApi(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        var apiWritten = new ApiWrittenCounties(app.Service<AuditLog>());
        await apiWritten.RefreshAsync(CancellationToken.None);

        await app.CreateKeyAsync(Qingxiu, "writer");
        Assert.Equal(HttpStatusCode.OK, (await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(100))).StatusCode);
        await apiWritten.RefreshAsync(CancellationToken.None);

        Assert.True(apiWritten.Contains(Xingning));
        Assert.False(apiWritten.Contains(Qingxiu));
    }
}
