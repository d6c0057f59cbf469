using Coverage.Contracts;

namespace Coverage.Dashboard.Realtime;

/// <summary>
/// One connection's pending updates. While a send to it is in flight, newer summaries replace older ones here,
/// so a slow browser costs a bounded buffer (one entry per org it watches) and delays nobody else.
/// </summary>
public sealed class Subscriber(string connectionId)
{
    private readonly Dictionary<string, OrgSummary> _backlog = [];
    private readonly HashSet<string> _treeChanged = new(StringComparer.Ordinal);
    private Task _sending = Task.CompletedTask;

    public int Backlog
    {
        get
        {
            lock (_backlog)
                return _backlog.Count + _treeChanged.Count;
        }
    }

    public void Merge(IEnumerable<OrgSummary> summaries)
    {
        lock (_backlog)
        {
            foreach (var summary in summaries)
                _backlog[summary.Code] = summary;
        }
    }

    /// <summary>The watched org's place, name or children changed: the connection is told before any summary sent with it.</summary>
    public void TreeChanged(string code)
    {
        lock (_backlog)
            _treeChanged.Add(code);
    }

    /// <summary>
    /// Starts a send of everything pending unless the previous send is still under way; answers whether updates are left
    /// waiting for that send to end.
    /// </summary>
    public bool TrySend(Func<string, LiveBatch, Task> send)
    {
        LiveBatch batch;
        lock (_backlog)
        {
            if (_backlog.Count == 0 && _treeChanged.Count == 0)
                return false;
            if (!_sending.IsCompleted)
                return true;
            batch = new LiveBatch([.. _treeChanged], [.. _backlog.Values]);
            _backlog.Clear();
            _treeChanged.Clear();
            _sending = send(connectionId, batch);
            return false;
        }
    }
}
