using Microsoft.AspNetCore.SignalR;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Sends waiting updates at most <see cref="PerSecond"/> times a second per watched org, one send per connection,
/// so one slow or dead browser only ever holds up its own updates. It looks often, so a quiet org's change leaves at once.
/// </summary>
public sealed class OrgChangeBroadcaster(Subscriptions subscriptions, IHubContext<CoverageHub> hub, ILogger<OrgChangeBroadcaster> logger)
    : BackgroundService
{
    public const int PerSecond = 4;
    private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(LookEvery);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
                Flush();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Flush()
    {
        foreach (var (summaries, watchers) in subscriptions.TakePending(Environment.TickCount64, 1000 / PerSecond))
        {
            foreach (var watcher in watchers)
                watcher.Merge(summaries);
        }
        foreach (var subscriber in subscriptions.All())
            subscriber.TrySend(SendAsync);
    }

    private async Task SendAsync(string connectionId, Contracts.OrgSummary[] summaries)
    {
        try
        {
            await hub.Clients.Client(connectionId).SendAsync(CoverageHub.OrgsUpdated, summaries);
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Update to connection {Connection} was not delivered", connectionId);
        }
    }
}
