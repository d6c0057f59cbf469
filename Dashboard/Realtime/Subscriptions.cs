using System.Collections.Concurrent;
using Coverage.Contracts;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Who watches which org, and the updates waiting per watched org. Updates for orgs nobody watches are dropped at once,
/// and waiting updates keep only the latest summary per org, so memory stays bounded by what is watched.
/// </summary>
public sealed class Subscriptions : IOrgChangeSink
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<Subscriber>> _byGroup = [];
    private readonly Dictionary<string, (Subscriber Subscriber, HashSet<string> Groups)> _byConnection = [];
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, OrgSummary>> _pending = new();

    public int Connections
    {
        get
        {
            lock (_lock)
                return _byConnection.Count;
        }
    }

    public void Add(string connectionId, string code)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var entry))
                _byConnection[connectionId] = entry = (new Subscriber(connectionId), []);
            entry.Groups.Add(code);
            if (!_byGroup.TryGetValue(code, out var group))
                _byGroup[code] = group = [];
            group.Add(entry.Subscriber);
        }
    }

    public void Remove(string connectionId, string code)
    {
        lock (_lock)
        {
            if (_byConnection.TryGetValue(connectionId, out var entry) && entry.Groups.Remove(code))
                Leave(code, entry.Subscriber);
        }
    }

    public void RemoveConnection(string connectionId)
    {
        lock (_lock)
        {
            if (!_byConnection.Remove(connectionId, out var entry))
                return;
            foreach (var code in entry.Groups)
                Leave(code, entry.Subscriber);
        }
    }

    public void OrgChanged(OrgSummary summary)
    {
        Queue(summary.Code, summary);
        if (summary.ParentCode is { } parent)
            Queue(parent, summary);
    }

    public Subscriber[] All()
    {
        lock (_lock)
            return [.. _byConnection.Values.Select(e => e.Subscriber)];
    }

    /// <summary>Takes what waits for each watched org, paired with who watches it.</summary>
    public List<(OrgSummary[] Summaries, Subscriber[] Watchers)> TakePending()
    {
        var taken = new List<(OrgSummary[], Subscriber[])>();
        foreach (var code in _pending.Keys)
        {
            if (!_pending.TryRemove(code, out var waiting) || waiting.IsEmpty)
                continue;
            Subscriber[] watchers;
            lock (_lock)
                watchers = _byGroup.TryGetValue(code, out var group) ? [.. group] : [];
            if (watchers.Length > 0)
                taken.Add(([.. waiting.Values], watchers));
        }
        return taken;
    }

    private void Queue(string group, OrgSummary summary)
    {
        bool watched;
        lock (_lock)
            watched = _byGroup.ContainsKey(group);
        if (watched)
            _pending.GetOrAdd(group, _ => new())[summary.Code] = summary;
    }

    private void Leave(string code, Subscriber subscriber)
    {
        if (_byGroup.TryGetValue(code, out var group) && group.Remove(subscriber) && group.Count == 0)
        {
            _byGroup.Remove(code);
            _pending.TryRemove(code, out _);
        }
    }
}
