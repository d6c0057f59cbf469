using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Silo.Keys;
using Microsoft.AspNetCore.SignalR;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Browsers subscribe to an org and then receive "orgsUpdated": summaries of that org and of its direct children whose
/// totals changed; and "treeChanged": the codes of watched orgs registered, renamed or deregistered, or whose children were,
/// whose views are to be fetched again. Sending goes through <see cref="OrgChangeBroadcaster"/>, never from here.
/// </summary>
public sealed class CoverageHub(IOrgDirectory directory, Subscriptions subscriptions, ReadAccess reads, KeyedConnections keyed, ApiKeyStore keys)
    : Hub
{
    public const string Path = "/hubs/coverage";
    public const string OrgsUpdated = "orgsUpdated";
    public const string TreeChanged = "treeChanged";

    public void Subscribe(string code)
    {
        // A client can send null for any argument, whatever the signature says.
        if (code is null || directory.Find(code) is null)
            throw new HubException($"No union organisation has code '{code}'.");
        if (!reads.MayRead(Context.User, code))
            throw new HubException($"Your key does not reach org '{code}'.");
        if (!subscriptions.Add(Context.ConnectionId, code))
            throw new HubException(
                $"A connection may watch at most {Subscriptions.MaxOrgsPerConnection} orgs at once; unsubscribe from one before subscribing to '{code}'.");
    }

    public void Unsubscribe(string code) => subscriptions.Remove(Context.ConnectionId, code);

    public override Task OnConnectedAsync()
    {
        if (Context.User?.KeyIdOf() is { } keyId)
        {
            keyed.Add(keyId, Context);
            // A revocation that closed the key's connections just before this one was added must still close it.
            if (keys.IsRevoked(keyId))
                Context.Abort();
        }
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        subscriptions.RemoveConnection(Context.ConnectionId);
        if (Context.User?.KeyIdOf() is { } keyId)
            keyed.Remove(keyId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
