using Coverage.Runtime;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Runtime;

/// <summary>
/// Calls made from the thread pool, where an idle activation runs the turn on the caller's thread: the runtime's promises
/// must hold there as they do for queued calls. (Test methods run on xUnit's context, whose calls always queue.)
/// </summary>
public sealed class InlineCallTests
{
    private static Task<SiloHost> StartAsync(IDictionary<string, string?>? settings = null) =>
        SiloHost.StartAsync(services: services =>
        {
            services.AddProbeGrain();
        }, settings: settings);

    private static Task<T> FromThreadPool<T>(Func<Task<T>> call) => Task.Run(call);

    [Fact]
    public async Task InlineExceptionReachesTheCallerAndTheActivationStaysUsable()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("inline-clumsy");
        await FromThreadPool(async () => { await grain.SetValue("before", write: false); return 0; });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FromThreadPool(async () => { await grain.Fail("boom"); return 0; }));
        Assert.Equal("boom", error.Message);
        Assert.Equal("before", await FromThreadPool(grain.GetValue));
    }

    [Fact]
    public async Task InlineCallThatAwaitsStillTimesOut()
    {
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:CallTimeout"] = "00:00:00.200" });
        var grain = silo.Grains.GetGrain<IProbeGrain>("inline-slow");
        await FromThreadPool(grain.GetValue);

        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => FromThreadPool(async () => { await grain.Sleep(TimeSpan.FromSeconds(3)); return 0; }));
    }

    [Fact]
    public async Task HeldReferenceReachesANewActivationAfterCollection()
    {
        await using var silo = await StartAsync(new Dictionary<string, string?> { ["GrainRuntime:CollectionAge"] = "00:00:00.300" });
        var grain = silo.Grains.GetGrain<IProbeGrain>("inline-sleepy");
        await FromThreadPool(async () => { await grain.SetValue("kept", write: false); return 0; });

        // Sweeps run every 75 ms here; the long wait is for a CI machine whose thread pool other tests keep busy.
        await Eventually.TrueAsync(() => silo.Runtime.ActivationCount == 0, TimeSpan.FromSeconds(15),
            "collection of the idle activation");
        Assert.Equal("kept", await FromThreadPool(grain.GetValue));
        Assert.Equal(2, silo.Services.GetRequiredService<ProbeLog>().ActivationsOf("inline-sleepy"));
        Assert.Equal(1, silo.Runtime.ActivationCount);
    }

    [Fact]
    public async Task InlineAndQueuedCallsMixedNeverOverlapTurns()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IProbeGrain>("inline-busy");
        await FromThreadPool(grain.GetValue);
        var calls = Enumerable.Range(0, 2_000)
            .Select(i => i % 2 == 0 ? FromThreadPool(grain.EnterAndYield) : FromThreadPool(grain.MaxConcurrentTurns))
            .ToArray();
        await Task.WhenAll(calls);
        Assert.Equal(1, await grain.MaxConcurrentTurns());
        Assert.Equal(1, silo.Services.GetRequiredService<ProbeLog>().ActivationsOf("inline-busy"));
    }
}
