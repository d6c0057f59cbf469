using System.Diagnostics.Metrics;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Coverage.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coverage.Tests.Storage;

public sealed class WriteCompanionTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACompanionCommitsOnlyWithTheStateWriteItRides(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider, services => services.TryAddSingleton<AuditLog>());
        var audit = silo.Services.GetRequiredService<AuditLog>();
        await silo.Store.WriteAsync("org", "taken", "{}", 0);

        var companions = Enumerable.Range(0, 200).Select(i => audit.CompanionOf("org", $"k{i}", Record($"k{i}"))).ToList();
        var writes = companions.Select((companion, i) =>
        {
            using (companion.Attach())
                return silo.Store.WriteAsync("org", $"k{i}", "{}", 0);
        }).ToList();
        var refused = audit.CompanionOf("org", "taken", Record("taken"));
        Task conflicting;
        using (refused.Attach())
            conflicting = silo.Store.WriteAsync("org", "taken", "{}", 0);
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => conflicting);

        var entries = await audit.ReadAsync(new AuditQuery(0, 1000), _ => true, CancellationToken.None);
        Assert.Equal(companions.Count, entries.Count);
        Assert.DoesNotContain(entries, e => e.OrgCode == "taken");
        Assert.All(companions, c => Assert.False(c.TakeBack()));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task UpdatesCommittedTogetherEachTakeTheirCompanionAndAStaleOneTakesNone(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider, services => services.TryAddSingleton<AuditLog>());
        var audit = silo.Services.GetRequiredService<AuditLog>();
        var committer = silo.Services.GetRequiredService<GroupCommitter>();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => silo.Store.WriteAsync("org", $"k{i}", "{}", 0)));

        // Everything below queues while this write holds the committer, so the updates share one commit.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = committer.WriteAsync(async (_, _) =>
        {
            held.SetResult();
            await Task.Delay(300);
            return 0;
        });
        await held.Task;
        var updates = Enumerable.Range(0, 200).Select(i =>
        {
            using (audit.CompanionOf("org", $"k{i}", Record($"k{i}")).Attach())
                return silo.Store.WriteAsync("org", $"k{i}", $$"""{"i":{{i}}}""", 1);
        }).ToList();
        Task stale;
        using (audit.CompanionOf("org", "k7", Record("stale")).Attach())
            stale = silo.Store.WriteAsync("org", "k7", "{}", 5);
        await holding;

        Assert.All(await Task.WhenAll(updates), version => Assert.Equal(2, version));
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        Assert.Equal("""{"i":7}""", (await silo.Store.ReadAsync("org", "k7"))!.Payload);
        var entries = await audit.ReadAsync(new AuditQuery(0, 1000), _ => true, CancellationToken.None);
        Assert.Equal(200, entries.Count);
        Assert.DoesNotContain(entries, e => e.OrgCode == "stale");
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ACompanionIsOnlyTakenByTheGrainItNames(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider, services => services.TryAddSingleton<AuditLog>());
        var audit = silo.Services.GetRequiredService<AuditLog>();
        var companion = audit.CompanionOf("org", "450102", Record("450102"));

        using (companion.Attach())
        {
            await silo.Store.WriteAsync("org", "450103", "{}", 0);
            await silo.Store.WriteAsync("station", "450102", "{}", 0);
        }

        Assert.True(companion.TakeBack());
        Assert.Empty(await audit.ReadAsync(new AuditQuery(0, 10), _ => true, CancellationToken.None));
    }

    [Fact]
    public async Task ACompanionReachesACallQueuedBehindAnotherTurn()
    {
        await using var silo = await SiloHost.StartAsync(services: services =>
        {
            services.TryAddSingleton<AuditLog>();
            services.AddProbeGrain();
        });
        var audit = silo.Services.GetRequiredService<AuditLog>();
        var probe = silo.Grains.GetGrain<IProbeGrain>("busy");
        var companion = audit.CompanionOf("probe", "busy", Record("busy"));

        var ahead = probe.Sleep(TimeSpan.FromMilliseconds(200));
        Task queued;
        using (companion.Attach())
            queued = probe.SetValue("written", write: true);
        await Task.WhenAll(ahead, queued);

        Assert.False(companion.TakeBack());
        Assert.Single(await audit.ReadAsync(new AuditQuery(0, 10), _ => true, CancellationToken.None));
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task ARecordedWriteAndItsEntryShareOneCommit(StorageProvider provider)
    {
        await using var silo = await SiloHost.StartAsync(provider, services => services.TryAddSingleton<AuditLog>());
        var audit = silo.Services.GetRequiredService<AuditLog>();
        var meters = silo.Services.GetRequiredService<IMeterFactory>();
        long commits = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "coverage.storage.commits")
                    listening.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref commits, value));
        listener.Start();

        var version = await audit.RecordedAsync("org", "k1", Record("k1"), () => silo.Store.WriteAsync("org", "k1", "{}", 0));

        Assert.Equal(1, version);
        Assert.Equal(1, Interlocked.Read(ref commits));
        Assert.Single(await audit.ReadAsync(new AuditQuery(0, 10), _ => true, CancellationToken.None));
    }

    private static AuditRecord Record(string org) => new("key", "450000", org, "figures.put", """{"members":1}""");
}
