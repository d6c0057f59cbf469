using Coverage.Contracts;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Coverage.Tests.Runtime;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Storage;

public sealed class WriteGroupTests
{
    private static readonly DateTimeOffset Stored = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AGroupCommitsItsMembersWritesWithItsOwnStatements(StorageProvider provider)
    {
        await using var silo = await StartAsync(provider);
        var group = NewGroup(silo, [Xingning, Qingxiu], "both");

        await Task.WhenAll(ApplyAsync(silo, group, Xingning, Figure.Of(100, Stored)), ApplyAsync(silo, group, Qingxiu, Figure.Of(200, Stored)));
        await group.Outcome;

        Assert.Equal(1, (await silo.Store.ReadAsync(IOrgGrain.StateName, Xingning))!.Version);
        Assert.Equal(1, (await silo.Store.ReadAsync(IOrgGrain.StateName, Qingxiu))!.Version);
        Assert.Equal(["both"], (await AuditedAsync(silo)).Select(e => e.Action));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AMemberRefusedBeforeWritingLeavesTheMembersThatJoinedUnwritten(StorageProvider provider)
    {
        await using var silo = await StartAsync(provider);
        await silo.Grains.GetGrain<IOrgGrain>(Qingxiu).SetFigures(Figure.Of(7, Stored));
        var group = NewGroup(silo, [Xingning, Qingxiu], "refused");

        var joined = ApplyAsync(silo, group, Xingning, Figure.Of(100, Stored));
        await Task.Delay(50);
        Assert.False(joined.IsCompleted, "the member that wrote waits for the others");
        var stale = await ApplyAsync(silo, group, Qingxiu, Figure.Of(200, Stored.AddHours(-1)));

        Assert.IsType<StaleFiguresException>(stale);
        Assert.IsType<WriteGroupAbandonedException>(await joined);
        await Assert.ThrowsAsync<StaleFiguresException>(() => group.Outcome);
        Assert.Null((await silo.Grains.GetGrain<IOrgGrain>(Xingning).GetSummary()).Own);
        Assert.Null(await silo.Store.ReadAsync(IOrgGrain.StateName, Xingning));
        Assert.Empty(await AuditedAsync(silo));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AGroupWhoseTransactionFailsWritesNothingAndItsMembersKeepTheirFigures(StorageProvider provider)
    {
        await using var silo = await StartAsync(provider);
        await silo.Grains.GetGrain<IOrgGrain>(Xingning).SetFigures(Figure.Of(1, Stored));
        await silo.Grains.GetGrain<IOrgGrain>(Qingxiu).SetFigures(Figure.Of(2, Stored));
        // Another writer on the same database moves one row on, so the group's update of it touches nothing and must roll back.
        await using (var connection = await silo.Services.GetRequiredService<Database>().OpenAsync())
            await connection.ExecuteAsync("UPDATE grain_state SET version = version + 1 WHERE grain_key = @key", new { key = Qingxiu });
        var group = NewGroup(silo, [Xingning, Qingxiu], "rolled back");

        var failures = await Task.WhenAll(ApplyAsync(silo, group, Xingning, Figure.Of(100, Stored)), ApplyAsync(silo, group, Qingxiu, Figure.Of(200, Stored)));

        Assert.All(failures, f => Assert.IsType<WriteConflictException>(f));
        await Assert.ThrowsAsync<WriteConflictException>(() => group.Outcome);
        var xingning = await silo.Store.ReadAsync(IOrgGrain.StateName, Xingning);
        Assert.Equal(1, xingning!.Version);
        Assert.Equal(1, (await silo.Grains.GetGrain<IOrgGrain>(Xingning).GetSummary()).Own!.Members);
        Assert.Empty(await AuditedAsync(silo));
    }

    [Fact]
    public async Task AMemberWhoseCallTimesOutBeforeJoiningLeavesTheGroupUnwritten()
    {
        await using var silo = await SiloHost.StartAsync(services: services =>
        {
            services.TryAddSingleton<AuditLog>();
            services.AddProbeGrain();
        }, settings: new Dictionary<string, string?> { ["GrainRuntime:CallTimeout"] = "00:00:00.300" });
        var group = new WriteGroup(silo.Services.GetRequiredService<GroupCommitter>(), "probe", ["quick", "busy"], []);
        var busy = silo.Grains.GetGrain<IProbeGrain>("busy");
        var sleeping = busy.Sleep(TimeSpan.FromSeconds(2));

        var results = await Task.WhenAll(
            group.CallAsync("quick", () => silo.Grains.GetGrain<IProbeGrain>("quick").SetValue("grouped", write: true)),
            group.CallAsync("busy", () => busy.SetValue("grouped", write: true)));

        // The member that joined fails either way: abandoned, or timed out itself while it waited for the other.
        Assert.True(results[0] is WriteGroupAbandonedException or GrainCallTimeoutException, $"{results[0]}");
        Assert.IsType<GrainCallTimeoutException>(results[1]);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => group.Outcome);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => sleeping);
        Assert.Null(await silo.Store.ReadAsync("probe", "quick"));
        Assert.Null(await silo.Store.ReadAsync("probe", "busy"));
    }

    private static Task<SiloHost> StartAsync(StorageProvider provider) =>
        SiloHost.StartAsync(provider, services => services.TryAddSingleton<AuditLog>());

    private static WriteGroup NewGroup(SiloHost silo, string[] codes, string action) =>
        new(silo.Services.GetRequiredService<GroupCommitter>(), IOrgGrain.StateName, codes,
            [silo.Services.GetRequiredService<AuditLog>().StatementFor(new AuditRecord("key", "450000", codes[0], action, "{}"))]);

    private static Task<Exception?> ApplyAsync(SiloHost silo, WriteGroup group, string code, Figures figures) =>
        group.CallAsync(code, () => silo.Grains.GetGrain<IOrgGrain>(code).SetFigures(figures));

    private static Task<IReadOnlyList<AuditEntry>> AuditedAsync(SiloHost silo) =>
        silo.Services.GetRequiredService<AuditLog>().ReadAsync(new AuditQuery(0, 100), _ => true, CancellationToken.None);
}
