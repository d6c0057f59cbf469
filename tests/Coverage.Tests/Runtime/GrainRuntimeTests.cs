using System.Diagnostics;
using Coverage.Runtime;
using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Runtime;

public sealed class GrainRuntimeTests
{
    private static Task<SiloHost> StartAsync(IDictionary<string, string?>? settings = null, bool flakyStore = false) =>
        SiloHost.StartAsync(services: services =>
        {
            services.AddProbeGrain();
            if (flakyStore)
                services.AddSingleton<IGrainStateStore>(sp => new FlakyStateStore(ActivatorUtilities.CreateInstance<SqlGrainStateStore>(sp)));
        }, settings: settings);

    [Fact]
    public async Task FirstCallsRacingForOneKeyCreateExactlyOneActivation()
    {
        await using var silo = await StartAsync();
        var key = Guid.NewGuid().ToString();
        using var start = new Barrier(16);
        // Threads of their own: sixteen pool threads blocked at the barrier would starve every other test in the process
        // until the pool grew, about 12 s on 2 cores.
        var callers = Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return silo.Grains.GetGrain<IProbeGrain>(key).GetValue();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
        await Task.WhenAll(callers);
        Assert.Equal(1, silo.Services.GetRequiredService<ProbeLog>().ActivationsOf(key));
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task TenThousandConcurrentCallsThatAwaitNeverOverlapTurns()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("busy");
        var calls = Enumerable.Range(0, 10_000).Select(_ => Task.Run(grain.EnterAndYield)).ToArray();
        var results = await Task.WhenAll(calls);
        Assert.Equal(10_000, results.Max());
        Assert.Equal(1, await grain.MaxConcurrentTurns());
    }

    [Fact]
    public async Task StateIsReadBeforeTheFirstTurn()
    {
        await using var silo = await StartAsync();
        await silo.Store.WriteAsync("probe", "stored", """{"value":"from storage"}""", 0);
        Assert.Equal("from storage", await silo.Grains.GetGrain<IProbeGrain>("stored").GetValue());
    }

    [Fact]
    public async Task UnreadableStateFailsTheCallClearlyAndTheNextCallRetries()
    {
        await using var silo = await StartAsync(flakyStore: true);
        var store = (FlakyStateStore)silo.Store;
        await store.WriteAsync("probe", "flaky", """{"value":"kept"}""", 0);
        store.FailNextReads("flaky", 1);
        var grain = silo.Grains.GetGrain<IProbeGrain>("flaky");

        var error = await Assert.ThrowsAsync<GrainActivationException>(grain.GetValue);
        Assert.Contains("Simulated read failure", error.Message);
        Assert.Equal("kept", await grain.GetValue());
    }

    [Fact]
    public async Task AStopTriesAgainAWriteThatFailedAndKeepsTheValue()
    {
        await using var silo = await StartAsync(flakyStore: true);
        await silo.Grains.GetGrain<IProbeGrain>("unsaved").SetValue("kept at stop", write: false);
        ((FlakyStateStore)silo.Store).FailNextWrites("unsaved", 1);

        await silo.StopAsync();

        Assert.Equal(0, silo.Runtime.ActivationCount);
        Assert.Contains("kept at stop", (await silo.Store.ReadAsync("probe", "unsaved"))!.Payload);
    }

    [Fact]
    public async Task WriteWithStaleVersionIsRefusedAndStoredStateIsKept()
    {
        await using var silo = await StartAsync();
        await silo.Store.WriteAsync("probe", "contested", """{"value":"first"}""", 0);
        await silo.Store.WriteAsync("probe", "contested", """{"value":"second"}""", 1);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            silo.Store.WriteAsync("probe", "contested", """{"value":"stale"}""", 1));
        Assert.Equal(2, error.StoredVersion);
        Assert.Contains("second", (await silo.Store.ReadAsync("probe", "contested"))!.Payload);
    }

    [Fact]
    public async Task GrainWritingAfterSomeoneElseWroteGetsInconsistentState()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("overwritten");
        await grain.SetValue("mine", write: true);
        await silo.Store.WriteAsync("probe", "overwritten", """{"value":"theirs"}""", 1);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.SetValue("mine again", write: true));
        Assert.Contains("theirs", (await silo.Store.ReadAsync("probe", "overwritten"))!.Payload);
    }

    [Fact]
    public async Task IdleActivationsAreWrittenThenCollectedAndComeBackOnTheNextCall()
    {
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:CollectionAge"] = "00:00:00.300" });
        var grain = silo.Grains.GetGrain<IProbeGrain>("sleepy");
        await grain.SetValue("unsaved", write: false);

        await Eventually.TrueAsync(() => silo.Runtime.ActivationCount == 0, TimeSpan.FromSeconds(5));
        Assert.Contains("unsaved", (await silo.Store.ReadAsync("probe", "sleepy"))!.Payload);
        Assert.Equal("unsaved", await grain.GetValue());
        Assert.Equal(2, silo.Services.GetRequiredService<ProbeLog>().ActivationsOf("sleepy"));
    }

    [Fact]
    public async Task IdleActivationsWhoseStateIsAsStoredAreCollectedWithoutAWrite()
    {
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:CollectionAge"] = "00:00:00.300" });
        await silo.Grains.GetGrain<IProbeGrain>("saved").SetValue("saved", write: true);
        await silo.Grains.GetGrain<IProbeGrain>("untouched").GetValue();

        await Eventually.TrueAsync(() => silo.Runtime.ActivationCount == 0, TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await silo.Store.ReadAsync("probe", "saved"))!.Version);
        Assert.Null(await silo.Store.ReadAsync("probe", "untouched"));
    }

    [Fact]
    public async Task PastMaxActivationsTheLongestIdleAreWrittenAndCollectedBeforeTheirAge()
    {
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:MaxActivations"] = "20" });
        var earlier = Enumerable.Range(0, 10).Select(i => $"earlier-{i}").ToList();
        var later = Enumerable.Range(0, 10).Select(i => $"later-{i}").ToList();
        var latest = Enumerable.Range(0, 10).Select(i => $"latest-{i}").ToList();
        foreach (var key in earlier)
            await silo.Grains.GetGrain<IProbeGrain>(key).SetValue("unsaved", write: false);
        await Task.Delay(50);
        foreach (var key in later)
            await silo.Grains.GetGrain<IProbeGrain>(key).GetValue();
        await Task.Delay(50);
        foreach (var key in latest)
            await silo.Grains.GetGrain<IProbeGrain>(key).GetValue();

        await Eventually.TrueAsync(() => silo.Runtime.ActivationCount <= 18, TimeSpan.FromSeconds(5), "activations past the limit collected");
        Assert.All(earlier, key => Assert.False(silo.Runtime.IsActive<IProbeGrain>(key)));
        Assert.All(latest, key => Assert.True(silo.Runtime.IsActive<IProbeGrain>(key)));
        foreach (var key in earlier)
            Assert.Contains("unsaved", (await silo.Store.ReadAsync("probe", key))!.Payload);
    }

    [Fact]
    public async Task ActiveGrainsAreNotCollected()
    {
        // Calls 20 ms apart against a 1 s age: a margin a busy machine's scheduling delays stay well inside.
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:CollectionAge"] = "00:00:01" });
        var grain = silo.Grains.GetGrain<IProbeGrain>("busy-bee");
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(2.5))
        {
            await grain.GetValue();
            await Task.Delay(20);
        }
        Assert.Equal(1, silo.Services.GetRequiredService<ProbeLog>().ActivationsOf("busy-bee"));
    }

    [Fact]
    public async Task TimersNeverOverlapThemselvesOrCalls()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("ticking");
        await grain.StartTimer(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(15));
        var calls = Enumerable.Range(0, 300).Select(_ => Task.Run(grain.EnterAndYield));
        await Task.WhenAll(calls);
        await Eventually.TrueAsync(async () => await grain.TimerRuns() >= 5, TimeSpan.FromSeconds(5));
        Assert.Equal(1, await grain.MaxConcurrentTurns());
    }

    [Fact]
    public async Task ExceptionReachesTheCallerAndTheActivationStaysUsable()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("clumsy");
        await grain.SetValue("before", write: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Fail("boom"));
        Assert.Equal("boom", error.Message);
        Assert.Equal("before", await grain.GetValue());
        Assert.Equal(1, silo.Services.GetRequiredService<ProbeLog>().ActivationsOf("clumsy"));
    }

    [Fact]
    public async Task CallLongerThanTheTimeoutFailsTheCaller()
    {
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:CallTimeout"] = "00:00:00.200" });
        var grain = silo.Grains.GetGrain<IProbeGrain>("slow");
        var elapsed = Stopwatch.StartNew();

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.Sleep(TimeSpan.FromSeconds(3)));
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(2), $"timed out after {elapsed.Elapsed}");
    }

    [Fact]
    public async Task UnregisteredGrainInterfaceIsRefusedByTheFactory()
    {
        await using var silo = await StartAsync();
        var error = Assert.Throws<InvalidOperationException>(() => silo.Grains.GetGrain<IUnregisteredGrain>("x"));
        Assert.Contains(nameof(IUnregisteredGrain), error.Message);
    }

    public interface IUnregisteredGrain : IGrainWithStringKey
    {
        Task Nothing();
    }
}
