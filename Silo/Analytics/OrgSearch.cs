using Coverage.Contracts;
using Coverage.Silo.Hierarchy;

namespace Coverage.Silo.Analytics;

/// <summary>
/// Finds orgs by code prefix or name substring over the whole directory, grassroots units included. The first search lays
/// the tree out as a <see cref="SearchIndex"/> on a pool thread while it and any search after it wait, holding no thread;
/// orgs put or deregistered after that are looked up one by one beside it, since making the index walks every org of the
/// tree (about 2 s on the national tree), and once many have changed a fresh index is made in the background.
/// </summary>
public sealed class OrgSearch : IDisposable
{
    /// <summary>Changed orgs past which a fresh index is made; below it, looking them up one by one costs a few milliseconds.</summary>
    internal const int RebuildAfter = 10_000;

    private readonly OrgDirectory _directory;
    private readonly Lock _swapping = new();
    private Indexed? _current;
    private Task<Indexed>? _first;
    private ChangedCodes? _sinceBuildBegan;
    private Task _rebuilding = Task.CompletedTask;

    public OrgSearch(OrgDirectory directory)
    {
        _directory = directory;
        directory.Changed += TreeChanged;
    }

    /// <summary>Matches of <paramref name="query"/> at <paramref name="level"/>; with <paramref name="under"/>, only that org and the orgs below it.</summary>
    public async Task<Page<OrgInfo>> FindAsync(string? query, OrgLevel? level, int limit, int offset, string? under = null)
    {
        var raw = query?.Trim() ?? "";
        var upper = raw.ToUpperInvariant();
        var current = Volatile.Read(ref _current) ?? await FirstAsync();
        var changed = current.Changed.Read();
        var found = new SearchResult((int)Math.Min((long)offset + limit, int.MaxValue));
        current.Index.Search(raw, upper, level, under, changed, found);
        var alsoFound = new List<(OrgInfo Org, int Rank)>();
        foreach (var code in changed.Codes)
        {
            if (_directory.Find(code) is { } org && (level is null || org.Level == level) && SearchResult.RankOf(org, raw, upper) is var rank and >= 0
                && (under is null || _directory.IsWithin(code, under)))
                alsoFound.Add((org, rank));
        }
        // Changed orgs follow the index's in their groups, in the order of their codes.
        foreach (var (org, rank) in alsoFound.OrderBy(m => m.Rank).ThenBy(m => m.Org.Level).ThenBy(m => m.Org.Code, StringComparer.Ordinal))
            found.Add(org, rank, org.Level);
        if (changed.Codes.Count > RebuildAfter)
            RebuildInBackground();
        return new Page<OrgInfo>(found.Page(offset, limit), found.Total);
    }

    public void Dispose() => _directory.Changed -= TreeChanged;

    /// <summary>The fresh index being made in the background, if one is.</summary>
    internal Task Rebuilding
    {
        get
        {
            lock (_swapping)
                return _rebuilding;
        }
    }

    /// <summary>How many orgs have changed since the index in use began to be made.</summary>
    internal int ChangedSinceIndex => Volatile.Read(ref _current)?.Changed.Count ?? 0;

    private Task<Indexed> FirstAsync()
    {
        lock (_swapping)
        {
            // A first layout that failed (out of memory, say) is tried again by the next search rather than failing them all.
            if (_first is null or { IsFaulted: true })
                _first = Task.Run(Build);
            return _first;
        }
    }

    /// <summary>
    /// Makes a fresh index; the orgs changed while it walks the tree are looked up beside it, as it may have passed them. Never
    /// two at once: the first is made once, and a rebuild, one at a time, only once the first is in use.
    /// </summary>
    private Indexed Build()
    {
        var since = new ChangedCodes();
        lock (_swapping)
            _sinceBuildBegan = since;
        var made = new Indexed(SearchIndex.Build(_directory), since);
        lock (_swapping)
        {
            Volatile.Write(ref _current, made);
            _sinceBuildBegan = null;
        }
        return made;
    }

    private void RebuildInBackground()
    {
        lock (_swapping)
        {
            if (_rebuilding.IsCompleted)
                _rebuilding = Task.Run(Build);
        }
    }

    /// <summary>Raised on the writer's thread, so it only notes the codes.</summary>
    private void TreeChanged(IReadOnlyCollection<OrgInfo> orgs)
    {
        var codes = orgs.Select(o => o.Code);
        lock (_swapping)
        {
            _current?.Changed.Add(codes);
            _sinceBuildBegan?.Add(codes);
        }
    }

    private sealed record Indexed(SearchIndex Index, ChangedCodes Changed);
}
