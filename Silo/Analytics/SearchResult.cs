using Coverage.Contracts;

namespace Coverage.Silo.Analytics;

/// <summary>
/// What a search found, grouped by how well each org matches (<see cref="RankOf"/>) and then by level, each group in the order
/// it was filled, the tree's. Each group keeps only as many orgs as the page reaches and counts the rest, so a query that
/// matches millions holds a page of them.
/// </summary>
internal sealed class SearchResult(int wanted)
{
    private static readonly int Levels = Enum.GetValues<OrgLevel>().Length;

    private readonly List<OrgInfo>?[] _groups = new List<OrgInfo>?[4 * Levels];

    public int Total { get; private set; }

    /// <summary>
    /// How <paramref name="query"/> (<paramref name="upper"/> upper-cased) finds <paramref name="org"/>: 0 by its exact code (or
    /// at all, for an empty query), 1 by a prefix of its code, 2 by a prefix of its name, 3 by another part of it; -1 not at all.
    /// </summary>
    public static int RankOf(OrgInfo org, string query, string upper)
    {
        if (upper.Length == 0 || org.Code == query)
            return 0;
        if (org.Code.ToUpperInvariant().StartsWith(upper, StringComparison.Ordinal))
            return 1;
        var name = org.Name.ToUpperInvariant();
        if (name.StartsWith(upper, StringComparison.Ordinal))
            return 2;
        return name.Contains(upper, StringComparison.Ordinal) ? 3 : -1;
    }

    public void Add(OrgInfo org, int rank, OrgLevel level)
    {
        Total++;
        var group = _groups[rank * Levels + (int)level] ??= [];
        if (group.Count < wanted)
            group.Add(org);
    }

    /// <summary>Best first; every group holds what the page can reach of it, so the groups' order is the page's.</summary>
    public List<OrgInfo> Page(int offset, int limit) => [.. _groups.SelectMany(group => group ?? []).Skip(offset).Take(limit)];
}
