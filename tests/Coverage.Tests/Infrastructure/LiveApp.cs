using Coverage.Grains;
using Coverage.Silo.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// The whole product on real Kestrel at a free loopback port, on its own fresh database, for clients outside the
/// process: headless Chromium and the JavaScript SignalR client.
/// </summary>
public sealed class LiveApp : TestApp
{
    public const string AdminKey = "live-test-admin-key-0123456789abcdef";

    private LiveApp(TestDatabase database, IDictionary<string, string?> settings) : base(database, ownsDatabase: true, AdminKey, settings)
    {
        UseKestrel(0);
    }

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<LiveApp> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "true" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        var app = new LiveApp(await TestDatabase.CreateAsync(StorageProvider.Sqlite), all);
        app.StartServer();
        return app;
    }

    /// <summary>
    /// History of a point a week for each org, from today back over <paramref name="weeks"/> weeks, its members lower by
    /// <paramref name="dropPerWeek"/> each week back: trends to draw and compare.
    /// </summary>
    public Task WriteWeeklyHistoryAsync(int weeks, long employees, long dropPerWeek, params (string Code, long Members)[] orgs)
    {
        var today = Contracts.ChinaClock.Today(TimeProvider.System);
        return Services.GetRequiredService<Silo.History.OrgHistory>().WriteAsync(
            from week in Enumerable.Range(0, weeks)
            from org in orgs
            select (org.Code, today.AddDays(-7 * week), Contracts.Aggregate.Of(Figure.Of(org.Members - (week * dropPerWeek)) with { Employees = employees })));
    }

    /// <summary>Gives one county in every province figures, so every province on the national map has a value.</summary>
    public async Task SeedOneCountyPerProvinceAsync()
    {
        var directory = Services.GetRequiredService<Silo.Hierarchy.OrgDirectory>();
        var counties = directory.ChildrenOf("000000")
            .Select(p => directory.All.First(o => o.Level == Contracts.OrgLevel.County && directory.IsWithin(o.Code, p.Code)));
        await Task.WhenAll(counties.Select((c, i) => Grains.GetGrain<IOrgGrain>(c.Code).SetFigures(Figure.Of(10_000 + (i * 3_000)))));
    }

    /// <summary>Gives every county of a province figures, so each of its cities and counties has a value to colour.</summary>
    public async Task SeedProvinceAsync(string provinceCode)
    {
        var directory = Services.GetRequiredService<Silo.Hierarchy.OrgDirectory>();
        var counties = directory.All.Where(o => o.Level == Contracts.OrgLevel.County && directory.IsWithin(o.Code, provinceCode));
        await Task.WhenAll(counties.Select((c, i) => Grains.GetGrain<IOrgGrain>(c.Code).SetFigures(Figure.Of(5_000 + (i * 97 % 4_000)))));
    }

}
