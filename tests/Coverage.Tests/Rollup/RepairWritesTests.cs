using Coverage.Silo.Rollup;
using Coverage.Tests.Infrastructure;
using Coverage.Tests.Runtime;

namespace Coverage.Tests.Rollup;

public sealed class RepairWritesTests
{
    [Fact]
    public async Task ARepairThatCannotBeWrittenFailsRecoveryOnceEveryOtherRepairIsWritten()
    {
        await using var silo = await SiloHost.StartAsync();
        var store = new FlakyStateStore(silo.Store);
        store.FailNextWrites("broken", 1);
        var repairs = new RepairWrites(store);
        var fine = Enumerable.Range(0, 200).Select(i => $"fine{i}").ToList();

        await repairs.StartAsync("org", "broken", "{}", 0);
        foreach (var key in fine)
            await repairs.StartAsync("org", key, "{}", 0);

        await Assert.ThrowsAsync<IOException>(repairs.AllWrittenAsync);
        Assert.Equal(200, (await silo.Store.ReadManyAsync("org", fine)).Count);
        Assert.Null(await silo.Store.ReadAsync("org", "broken"));
    }
}
