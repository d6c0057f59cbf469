using Coverage.Silo.Runtime;
using Coverage.Silo.Storage;

namespace Coverage.Tests.Storage;

public sealed class CoalescedReadsTests
{
    private readonly List<string> _alone = [];
    private readonly List<IReadOnlyCollection<string>> _together = [];
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _togetherFails;

    [Fact]
    public async Task ALoneReadIsAskedAloneAndWaitsForNoCompany()
    {
        _gate.SetResult();
        var reads = NewReads();

        var stored = await reads.ReadAsync("450102");

        Assert.Equal("450102", stored!.Key);
        Assert.Equal(["450102"], _alone);
        Assert.Empty(_together);
    }

    [Fact]
    public async Task ReadsArrivingWhileEveryQueryIsOutShareOneQueryAndEachGetsItsOwnState()
    {
        var reads = NewReads();
        var first = Enumerable.Range(0, CoalescedReads.Concurrent).Select(i => reads.ReadAsync($"a{i}")).ToList();
        var queued = new[] { "b1", "b2", "missing", "b1" }.Select(reads.ReadAsync).ToList();
        Assert.All(queued, read => Assert.False(read.IsCompleted));

        _gate.SetResult();
        await Task.WhenAll(first);
        var answers = await Task.WhenAll(queued);

        Assert.Equal(CoalescedReads.Concurrent, _alone.Count);
        var shared = Assert.Single(_together);
        Assert.Equal(["b1", "b2", "missing"], shared.Order());
        Assert.Equal("b1", answers[0]!.Key);
        Assert.Equal("b2", answers[1]!.Key);
        Assert.Null(answers[2]);
        Assert.Same(answers[0], answers[3]);
    }

    [Fact]
    public async Task ASharedQueryThatFailsFailsItsReadsAndTheNextReadGoesAhead()
    {
        _togetherFails = new InvalidOperationException("The database is unavailable.");
        var reads = NewReads();
        var first = Enumerable.Range(0, CoalescedReads.Concurrent).Select(i => reads.ReadAsync($"a{i}")).ToList();
        var queued = reads.ReadAsync("b1");

        _gate.SetResult();
        await Task.WhenAll(first);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queued);
        Assert.Same(_togetherFails, error);
        Assert.Equal("later", (await reads.ReadAsync("later"))!.Key);
        Assert.Equal(CoalescedReads.Concurrent + 1, _alone.Count);
    }

    private CoalescedReads NewReads() => new("org", ReadOneAsync, ReadManyAsync);

    private async Task<StoredState?> ReadOneAsync(string stateName, string key)
    {
        _alone.Add(key);
        await _gate.Task;
        return new StoredState(key, "{}", 1);
    }

    private Task<IReadOnlyList<StoredState>> ReadManyAsync(string stateName, IReadOnlyCollection<string> keys)
    {
        _together.Add([.. keys]);
        return _togetherFails is { } error
            ? Task.FromException<IReadOnlyList<StoredState>>(error)
            : Task.FromResult<IReadOnlyList<StoredState>>([.. keys.Where(k => k != "missing").Select(k => new StoredState(k, "{}", 1))]);
    }
}
