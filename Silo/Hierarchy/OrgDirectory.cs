using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Silo.Runtime;

namespace Coverage.Silo.Hierarchy;

/// <summary>
/// The union tree in memory: the administrative tiers from the embedded division list, plus the orgs registered at run time.
/// Lookups go to a concurrent dictionary, since every request and every summary asks it; children lists are immutable
/// snapshots that registrations swap in under a lock.
/// </summary>
public sealed class OrgDirectory : IOrgDirectory
{
    public const string NationalCode = "000000";

    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<string, OrgInfo> _orgs;
    private readonly FrozenSet<string> _listed;
    private ImmutableDictionary<string, ImmutableList<OrgInfo>> _children;
    private readonly ConcurrentDictionary<string, OrgInfo> _deregistered = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, ImmutableList<string>> _deregisteredChildren = ImmutableDictionary.Create<string, ImmutableList<string>>(StringComparer.Ordinal);

    public OrgDirectory()
    {
        using var stream = typeof(OrgDirectory).Assembly.GetManifestResourceStream("divisions.json")
            ?? throw new InvalidOperationException("The embedded division list is missing from the Silo assembly.");
        var divisions = JsonSerializer.Deserialize<DivisionFile>(stream, StateJson.Options)!;
        Source = divisions.Source;
        _orgs = new ConcurrentDictionary<string, OrgInfo>(divisions.Orgs.Select(o => KeyValuePair.Create(o.Code, o)), StringComparer.Ordinal);
        _listed = _orgs.Keys.ToFrozenSet(StringComparer.Ordinal);
        _children = divisions.Orgs.Where(o => o.ParentCode is not null)
            .GroupBy(o => o.ParentCode!)
            .ToImmutableDictionary(g => g.Key, g => g.ToImmutableList());
    }

    public string Source { get; }

    public IEnumerable<OrgInfo> All => _orgs.Select(o => o.Value);

    public int Count => _orgs.Count;

    /// <summary>
    /// Raised after orgs are put (registered or renamed) or deregistered, with those orgs: pages showing them or their parents
    /// are out of date. Raised on the writer's thread, so a handler must only hand the news off.
    /// </summary>
    public event Action<IReadOnlyCollection<OrgInfo>>? Changed;

    public OrgInfo? Find(string code) => _orgs.GetValueOrDefault(code);

    /// <summary>Whether the org comes from the embedded division list, not from a registration.</summary>
    public bool IsListed(string code) => _listed.Contains(code);

    public IReadOnlyList<OrgInfo> ChildrenOf(string code) => _children.GetValueOrDefault(code) ?? [];

    /// <summary>An org deregistered from the tree (a grassroots union, a federation), still holding its code for its parent.</summary>
    public OrgInfo? FindDeregistered(string code) => _deregistered.GetValueOrDefault(code);

    public IReadOnlyList<string> DeregisteredChildrenOf(string code) => _deregisteredChildren.GetValueOrDefault(code) ?? [];

    public bool IsWithin(string code, string ancestor)
    {
        // A unit deregistered before its federation still lies within what is above them both.
        for (var current = Find(code) ?? FindDeregistered(code); current is not null;
             current = current.ParentCode is { } parent ? Find(parent) ?? FindDeregistered(parent) : null)
        {
            if (current.Code == ancestor)
                return true;
        }
        return false;
    }

    /// <summary>Adds or renames an org; its parent must already be known.</summary>
    public void Put(OrgInfo org) => PutMany([org]);

    /// <summary>
    /// Adds or renames orgs, each under a parent already known or put before it. Each parent's list is edited through one
    /// builder per call, so loading millions costs a few tree nodes each; only a rename searches its siblings.
    /// </summary>
    public void PutMany(IEnumerable<OrgInfo> orgs)
    {
        // Nobody listens while the tree loads at start-up, when the list would hold every org.
        var put = Changed is null ? null : new List<OrgInfo>();
        lock (_writeLock)
        {
            var edited = new Dictionary<string, ImmutableList<OrgInfo>.Builder>();
            foreach (var org in orgs)
            {
                var parent = org.ParentCode ?? throw new ArgumentException("Only the national federation has no parent.", nameof(orgs));
                if (!edited.TryGetValue(parent, out var siblings))
                    edited[parent] = siblings = (_children.GetValueOrDefault(parent) ?? []).ToBuilder();
                if (_orgs.TryGetValue(org.Code, out var known) && known.ParentCode == parent)
                    siblings[siblings.IndexOf(known)] = org;
                else
                    siblings.Add(org);
                _orgs[org.Code] = org;
                put?.Add(org);
                if (_deregistered.TryRemove(org.Code, out var gone))
                    _deregisteredChildren = _deregisteredChildren.SetItem(gone.ParentCode!, _deregisteredChildren[gone.ParentCode!].Remove(org.Code));
            }
            _children = _children.SetItems(edited.Select(e => KeyValuePair.Create(e.Key, e.Value.ToImmutable())));
        }
        if (put is { Count: > 0 })
            Changed?.Invoke(put);
    }

    /// <summary>
    /// Takes deregistered orgs, which have nothing below them, out of the tree, keeping them by code (for the audit log above
    /// them, and their codes for their parent); each parent's list is edited once. Also how they are loaded at start-up.
    /// </summary>
    public void Deregister(IReadOnlyCollection<OrgInfo> orgs)
    {
        lock (_writeLock)
        {
            var edited = new Dictionary<string, ImmutableList<OrgInfo>>();
            var gone = new Dictionary<string, ImmutableList<string>>();
            foreach (var byParent in orgs.GroupBy(o => o.ParentCode ?? throw new ArgumentException("The national federation stays.", nameof(orgs))))
            {
                var codes = byParent.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
                foreach (var org in byParent)
                {
                    _orgs.TryRemove(org.Code, out _);
                    _deregistered[org.Code] = org;
                }
                edited[byParent.Key] = (_children.GetValueOrDefault(byParent.Key) ?? []).RemoveAll(o => codes.Contains(o.Code));
                gone[byParent.Key] = (_deregisteredChildren.GetValueOrDefault(byParent.Key) ?? []).RemoveAll(codes.Contains).AddRange(codes);
            }
            _children = _children.SetItems(edited);
            _deregisteredChildren = _deregisteredChildren.SetItems(gone);
        }
        if (orgs.Count > 0)
            Changed?.Invoke(orgs);
    }

    private sealed record DivisionFile(string Source, List<OrgInfo> Orgs);
}
