using System.Collections.Concurrent;
using System.Threading.Channels;
using Coverage.Contracts;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// Who watches which org, and the updates waiting per watched org: summaries, and news that the org's place, name or
/// children changed. Updates for orgs nobody watches are dropped at once, and waiting updates keep only the latest summary
/// per org, so memory stays bounded by what is watched.
/// </summary>
public sealed class Subscriptions : IOrgChangeSink
{
    /// <summary>The page watches one org at a time; the cap keeps one connection from making every org watched.</summary>
    public const int MaxOrgsPerConnection = 50;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, HashSet<Subscriber>> _byGroup = [];
    private readonly Dictionary<string, (Subscriber Subscriber, HashSet<string> Groups)> _byConnection = [];
    private readonly Dictionary<string, Waiting> _pending = [];
    private readonly Dictionary<string, long> _lastTaken = [];
    private readonly ConcurrentDictionary<string, byte> _watched = new(StringComparer.Ordinal);
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Completes once an update for a watched org has queued since the last wait, at once if one already has.</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken) => await _changed.Reader.ReadAsync(cancellationToken);

    public bool HasPending
    {
        get
        {
            lock (_lock)
                return _pending.Count > 0;
        }
    }

    /// <summary>False, changing nothing, when the connection already watches <see cref="MaxOrgsPerConnection"/> other orgs.</summary>
    public bool Add(string connectionId, string code)
    {
        lock (_lock)
        {
            if (!_byConnection.TryGetValue(connectionId, out var entry))
                _byConnection[connectionId] = entry = (new Subscriber(connectionId), []);
            if (entry.Groups.Count >= MaxOrgsPerConnection && !entry.Groups.Contains(code))
                return false;
            entry.Groups.Add(code);
            if (!_byGroup.TryGetValue(code, out var group))
            {
                _byGroup[code] = group = [];
                _watched[code] = 0;
            }
            group.Add(entry.Subscriber);
            return true;
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

    /// <summary>
    /// Read by grains on every report without the lock. Kept beside the groups rather than rebuilt from them, so that a
    /// client subscribing and unsubscribing in a loop costs a dictionary update, not a copy of every watched code.
    /// </summary>
    public bool Watches(string code) => _watched.ContainsKey(code);

    public void OrgChanged(OrgSummary summary)
    {
        Queue(summary.Code, summary);
        if (summary.ParentCode is { } parent)
            Queue(parent, summary);
    }

    /// <summary>Orgs put or deregistered: views of them and of their parents are to be fetched again.</summary>
    public void TreeChanged(IReadOnlyCollection<OrgInfo> orgs)
    {
        if (_watched.IsEmpty)
            return;
        foreach (var org in orgs)
        {
            foreach (var code in new[] { org.Code, org.ParentCode })
            {
                if (code is not null && Watches(code))
                    Queue(code, summary: null, treeChanged: true);
            }
        }
    }

    public Subscriber[] All()
    {
        lock (_lock)
            return [.. _byConnection.Values.Select(e => e.Subscriber)];
    }

    /// <summary>
    /// Takes what waits for each watched org whose last batch left at least <paramref name="spacing"/> ago, paired with
    /// who watches it; the rest keep waiting, merging newer summaries, until their turn.
    /// </summary>
    public List<PendingUpdate> TakePending(long now, long spacing)
    {
        var taken = new List<PendingUpdate>();
        lock (_lock)
        {
            foreach (var code in _pending.Keys.Where(c => now - _lastTaken.GetValueOrDefault(c, long.MinValue / 2) >= spacing).ToList())
            {
                _pending.Remove(code, out var waiting);
                _lastTaken[code] = now;
                taken.Add(new PendingUpdate(code, [.. waiting!.Summaries.Values], waiting.TreeChanged, [.. _byGroup[code]]));
            }
        }
        return taken;
    }

    private void Queue(string group, OrgSummary? summary, bool treeChanged = false)
    {
        lock (_lock)
        {
            if (!_byGroup.ContainsKey(group))
                return;
            if (!_pending.TryGetValue(group, out var waiting))
                _pending[group] = waiting = new Waiting();
            if (summary is not null)
                waiting.Summaries[summary.Code] = summary;
            waiting.TreeChanged |= treeChanged;
        }
        _changed.Writer.TryWrite(true);
    }

    private void Leave(string code, Subscriber subscriber)
    {
        if (_byGroup.TryGetValue(code, out var group) && group.Remove(subscriber) && group.Count == 0)
        {
            _byGroup.Remove(code);
            _watched.TryRemove(code, out _);
            _pending.Remove(code);
            _lastTaken.Remove(code);
        }
    }

    private sealed class Waiting
    {
        public Dictionary<string, OrgSummary> Summaries { get; } = [];

        public bool TreeChanged { get; set; }
    }
}

