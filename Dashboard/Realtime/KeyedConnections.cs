using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// The hub connections each API key opened. A connection is authenticated once, when it opens, so revoking its key must
/// close it; otherwise it would keep receiving its scope's updates until the browser left.
/// </summary>
public sealed class KeyedConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byKey = new(StringComparer.Ordinal);

    public void Add(string keyId, HubCallerContext connection) =>
        _byKey.GetOrAdd(keyId, _ => new(StringComparer.Ordinal))[connection.ConnectionId] = connection;

    public void Remove(string keyId, string connectionId)
    {
        if (_byKey.TryGetValue(keyId, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
            _byKey.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(keyId, connections));
    }

    /// <summary>Closes every connection the key opened; the client's reconnect then fails authentication.</summary>
    public void CloseAll(string keyId)
    {
        if (!_byKey.TryRemove(keyId, out var connections))
            return;
        foreach (var connection in connections.Values)
            connection.Abort();
    }
}
