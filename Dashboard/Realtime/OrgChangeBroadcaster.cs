using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Targets;
using Microsoft.AspNetCore.SignalR;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Sends waiting updates at most <see cref="PerSecond"/> times a second per watched org, one send per connection,
/// so one slow or dead browser only ever holds up its own updates. While updates wait it looks often, so a quiet org's change
/// leaves at once; when none wait it sleeps until one queues.
/// Updates carry target attainment, as HTTP reads do, so a live ranking keeps marking who is behind. Registrations and
/// deregistrations reach watchers of the orgs concerned and of their parents the same way, paced alike.
/// </summary>
public sealed class OrgChangeBroadcaster(Subscriptions subscriptions, OrgDirectory directory, AttainmentCalculator attainment,
    IHubContext<CoverageHub> hub, ILogger<OrgChangeBroadcaster> logger) : BackgroundService
{
    public const int PerSecond = 4;
    private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(5);

    /// <summary>Attainment may need the database; a slow one must not hold up every live update.</summary>
    private static readonly TimeSpan EnrichWithin = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        directory.Changed += subscriptions.TreeChanged;
        try
        {
            while (true)
            {
                await subscriptions.ChangedAsync(stoppingToken);
                while (await FlushAsync())
                    await Task.Delay(LookEvery, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            directory.Changed -= subscriptions.TreeChanged;
        }
    }

    /// <summary>Sends what may go now; answers whether anything is left waiting for its org's spacing or a connection's send.</summary>
    private async Task<bool> FlushAsync()
    {
        // An org waits under its own code and its parent's: its attainment is worked out once.
        var enriching = new Dictionary<OrgSummary, Task<OrgSummary>>(ReferenceEqualityComparer.Instance);
        foreach (var pending in subscriptions.TakePending(Environment.TickCount64, 1000 / PerSecond))
        {
            var enriched = await Task.WhenAll(pending.Summaries.Select(s => enriching.TryGetValue(s, out var e) ? e : enriching[s] = EnrichAsync(s)));
            foreach (var watcher in pending.Watchers)
            {
                if (pending.TreeChanged)
                    watcher.TreeChanged(pending.Code);
                watcher.Merge(enriched);
            }
        }
        var waiting = subscriptions.HasPending;
        foreach (var subscriber in subscriptions.All())
            waiting |= subscriber.TrySend(SendAsync);
        return waiting;
    }

    /// <summary>A summary whose attainment cannot be worked out in time (the database is slow or away) still goes out, without it.</summary>
    private async Task<OrgSummary> EnrichAsync(OrgSummary summary)
    {
        try
        {
            return await attainment.EnrichAsync(summary).WaitAsync(EnrichWithin);
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Attainment of {Org} left out of its update", summary.Code);
            return summary;
        }
    }

    private async Task SendAsync(string connectionId, LiveBatch batch)
    {
        try
        {
            var client = hub.Clients.Client(connectionId);
            if (batch.TreeChanged.Length > 0)
                await client.SendAsync(CoverageHub.TreeChanged, batch.TreeChanged);
            if (batch.Summaries.Length > 0)
                await client.SendAsync(CoverageHub.OrgsUpdated, batch.Summaries);
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Update to connection {Connection} was not delivered", connectionId);
        }
    }
}
