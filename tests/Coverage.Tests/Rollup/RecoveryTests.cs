using Coverage.Grains;
using Coverage.Silo.Rollup;
using Coverage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Rollup;

public sealed class RecoveryTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task AfterACrashAcknowledgedFiguresAreKeptAndTheTreeIsConsistentAgain(Silo.Storage.StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var first = await SiloHost.StartAsync(database: database);
        await first.Grains.GetGrain<IOrgGrain>("450102").SetFigures(Figure.Of(41_000));
        await first.Grains.GetGrain<IOrgGrain>("370102").SetFigures(Figure.Of(7_000));
        await first.AbandonAsync();
        await first.DisposeAsync();

        await using var second = await SiloHost.StartAsync(database: database);

        Assert.Equal(41_000, (await second.Grains.GetGrain<IOrgGrain>("450102").GetSummary()).Own!.Members);
        Assert.Equal(48_000, (await second.Grains.GetGrain<IOrgGrain>("000000").GetSummary()).Totals.Members);
        Assert.True((await second.Services.GetRequiredService<ConsistencyCheck>().RunAsync()).Consistent);
    }
}
