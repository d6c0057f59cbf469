using Coverage.Contracts;
using Coverage.Dashboard.Realtime;

namespace Coverage.Tests.Realtime;

public sealed class SubscriptionsTests
{
    private static OrgSummary Summary(string code, string? parent, long members) => new(code, code, OrgLevel.County, OrgKind.Division, parent, null,
        new Totals(0, members, 0, 0, 0, new Dictionary<string, GroupFigures>(), 0, new StationVisits(0, 0, 0)),
        new Rates(null, null, null, null, new Dictionary<string, double?>(), null, null), members, DateTimeOffset.UtcNow);

    [Fact]
    public void LatestSummaryWinsAndReachesWatchersOfTheOrgAndOfItsParent()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("city-watcher", "450100");
        subscriptions.Add("county-watcher", "450102");

        subscriptions.OrgChanged(Summary("450102", "450100", 1));
        subscriptions.OrgChanged(Summary("450102", "450100", 2));

        var pending = subscriptions.TakePending(now: 1_000, spacing: 250);
        Assert.Equal(2, pending.Count);
        Assert.All(pending, p => Assert.Equal(2, Assert.Single(p.Summaries).Totals.Members));
    }

    [Fact]
    public void ChangesNobodyWatchesAreNotKept()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("watcher", "370000");

        subscriptions.OrgChanged(Summary("450102", "450100", 1));

        Assert.Empty(subscriptions.TakePending(now: 1_000, spacing: 250));
    }

    [Fact]
    public void AnOrgIsWatchedWhileAnyConnectionSubscribesToIt()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("first", "450000");
        subscriptions.Add("second", "450000");

        subscriptions.RemoveConnection("first");
        Assert.True(subscriptions.Watches("450000"));
        Assert.False(subscriptions.Watches("450100"));

        subscriptions.Remove("second", "450000");
        Assert.False(subscriptions.Watches("450000"));
    }

    [Fact]
    public void AConnectionWatchesAtMostFiftyOrgsAndMaySubscribeAgainToOneItWatches()
    {
        var subscriptions = new Subscriptions();
        var codes = Enumerable.Range(0, Subscriptions.MaxOrgsPerConnection + 1).Select(i => $"4501{i:D2}").ToList();

        var accepted = codes.SkipLast(1).Select(code => subscriptions.Add("greedy", code)).ToList();
        var oneTooMany = subscriptions.Add("greedy", codes[^1]);
        var again = subscriptions.Add("greedy", codes[0]);
        var otherConnection = subscriptions.Add("other", codes[^1]);
        subscriptions.Remove("greedy", codes[0]);
        var afterLeavingOne = subscriptions.Add("greedy", codes[^1]);

        Assert.Equal(50, Subscriptions.MaxOrgsPerConnection);
        Assert.All(accepted, Assert.True);
        Assert.False(oneTooMany);
        Assert.True(again);
        Assert.True(otherConnection);
        Assert.True(afterLeavingOne);
        Assert.False(subscriptions.Watches(codes[0]));
    }

    [Fact]
    public void AnOrgGetsAtMostOneBatchPerSpacingAndTheNextOneCarriesTheLatest()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("watcher", "450102");

        subscriptions.OrgChanged(Summary("450102", "450100", 1));
        Assert.Single(subscriptions.TakePending(now: 1_000, spacing: 250));
        subscriptions.OrgChanged(Summary("450102", "450100", 2));
        subscriptions.OrgChanged(Summary("450102", "450100", 3));

        Assert.Empty(subscriptions.TakePending(now: 1_100, spacing: 250));
        var next = Assert.Single(subscriptions.TakePending(now: 1_250, spacing: 250));
        Assert.Equal(3, Assert.Single(next.Summaries).Totals.Members);
    }

    [Fact]
    public void SlowConnectionNeitherDelaysOthersNorGrowsItsBacklog()
    {
        var stuck = new Subscriber("stuck");
        var healthy = new Subscriber("healthy");
        var delivered = new List<(string Connection, LiveBatch Batch)>();
        Task Send(string connection, LiveBatch batch)
        {
            delivered.Add((connection, batch));
            return connection == "stuck" ? new TaskCompletionSource().Task : Task.CompletedTask;
        }

        var leftWaiting = new List<string>();
        for (var round = 1; round <= 100; round++)
        {
            foreach (var subscriber in new[] { stuck, healthy })
            {
                subscriber.Merge([Summary("450102", "450100", round), Summary("450103", "450100", round)]);
                if (subscriber.TrySend(Send))
                    leftWaiting.Add(subscriber == stuck ? "stuck" : "healthy");
            }
        }

        Assert.Equal(100, delivered.Count(d => d.Connection == "healthy"));
        Assert.Single(delivered, d => d.Connection == "stuck");
        Assert.Equal(2, stuck.Backlog);
        Assert.Equal(99, leftWaiting.Count(c => c == "stuck"));
        Assert.DoesNotContain("healthy", leftWaiting);
    }

    [Fact]
    public async Task TheBroadcasterIsWokenOnlyByUpdatesSomeoneWatches()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("watcher", "450102");

        var changed = subscriptions.ChangedAsync(CancellationToken.None);
        subscriptions.OrgChanged(Summary("370102", "370100", 1));
        await Task.Delay(50);
        var wokenByUnwatched = changed.IsCompleted;
        subscriptions.OrgChanged(Summary("450102", "450100", 1));
        await changed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Single(subscriptions.TakePending(now: 1_000, spacing: 250));
        var again = subscriptions.ChangedAsync(CancellationToken.None);
        await Task.Delay(50);

        Assert.False(wokenByUnwatched);
        Assert.False(subscriptions.HasPending);
        Assert.False(again.IsCompleted);
    }

    [Fact]
    public void AnOrgRegisteredOrDeregisteredIsNewsToWatchersOfItAndOfItsParentOnly()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("county-watcher", "450102");
        subscriptions.Add("unit-watcher", "450102U001");
        subscriptions.Add("city-watcher", "450100");
        subscriptions.Add("sibling-watcher", "450103");

        subscriptions.TreeChanged([new OrgInfo("450102U001", "某企业工会", OrgLevel.Grassroots, OrgKind.Enterprise, "450102")]);

        var pending = subscriptions.TakePending(now: 1_000, spacing: 250);
        Assert.Equal(["450102", "450102U001"], pending.Select(p => p.Code).Order());
        Assert.All(pending, p => Assert.True(p.TreeChanged));
        Assert.All(pending, p => Assert.Empty(p.Summaries));
    }

    [Fact]
    public void TreeNewsWaitsForItsOrgsSpacingAndTravelsWithTheSummariesQueuedBesideIt()
    {
        var subscriptions = new Subscriptions();
        subscriptions.Add("watcher", "450102");
        subscriptions.OrgChanged(Summary("450102", "450100", 1));
        Assert.False(Assert.Single(subscriptions.TakePending(now: 1_000, spacing: 250)).TreeChanged);

        subscriptions.TreeChanged([new OrgInfo("450102U001", "某企业工会", OrgLevel.Grassroots, OrgKind.Enterprise, "450102")]);
        subscriptions.OrgChanged(Summary("450102", "450100", 2));
        Assert.Empty(subscriptions.TakePending(now: 1_100, spacing: 250));
        var next = Assert.Single(subscriptions.TakePending(now: 1_250, spacing: 250));
        var subscriber = Assert.Single(next.Watchers);
        subscriber.TreeChanged(next.Code);
        subscriber.Merge(next.Summaries);
        var sent = new List<LiveBatch>();
        subscriber.TrySend((_, batch) =>
        {
            sent.Add(batch);
            return Task.CompletedTask;
        });

        var batch = Assert.Single(sent);
        Assert.Equal(["450102"], batch.TreeChanged);
        Assert.Equal(2, Assert.Single(batch.Summaries).Totals.Members);
    }
}
