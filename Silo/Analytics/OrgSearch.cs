using Coverage.Contracts;
using Coverage.Silo.Hierarchy;

namespace Coverage.Silo.Analytics;

/// <summary>
/// Finds orgs by code prefix or name substring over the whole directory, grassroots units included. It scans a copy of the
/// tree, made again whenever the tree changes, with codes and names upper-cased once, so each comparison is ordinal, and keeps only the page's best matches in
/// order rather than sorting every match: a broad query over millions of grassroots unions stays a single pass.
/// </summary>
public sealed class OrgSearch(OrgDirectory directory)
{
    private Index? _index;

    /// <summary>Matches of <paramref name="query"/> at <paramref name="level"/>; with <paramref name="under"/>, only that org and the orgs below it.</summary>
    public Page<OrgInfo> Find(string? query, OrgLevel? level, int limit, int offset, string? under = null)
    {
        var raw = query?.Trim() ?? "";
        var q = raw.ToUpperInvariant();
        var index = CurrentIndex();
        var matches = new List<Match>();
        foreach (var entry in index.Entries)
        {
            if ((level is null || entry.Org.Level == level) && Rank(entry, raw, q) is var rank and >= 0
                && (under is null || directory.IsWithin(entry.Org.Code, under)))
                matches.Add(new Match(entry.Org, rank));
        }
        var wanted = (int)Math.Min((long)offset + limit, matches.Count);
        return new Page<OrgInfo>([.. Best(matches, wanted).Skip(offset).Select(m => m.Org)], matches.Count);
    }

    /// <summary>Better matches rank lower: exact code, code prefix, name prefix, name substring; -1 is no match.</summary>
    private static int Rank(Entry entry, string raw, string q)
    {
        if (q.Length == 0 || entry.Org.Code == raw)
            return 0;
        if (entry.Code.StartsWith(q, StringComparison.Ordinal))
            return 1;
        if (entry.Name.StartsWith(q, StringComparison.Ordinal))
            return 2;
        return entry.Name.Contains(q, StringComparison.Ordinal) ? 3 : -1;
    }

    /// <summary>The <paramref name="count"/> best matches in order, through a heap of that size when it is the smaller task.</summary>
    private static IEnumerable<Match> Best(List<Match> matches, int count)
    {
        if (count >= matches.Count / 4)
        {
            matches.Sort(MatchOrder.Instance);
            return matches.Take(count);
        }
        var worstFirst = new PriorityQueue<Match, Match>(count + 1, Comparer<Match>.Create((a, b) => MatchOrder.Instance.Compare(b, a)));
        foreach (var match in matches)
        {
            if (worstFirst.Count < count)
                worstFirst.Enqueue(match, match);
            else if (count > 0 && MatchOrder.Instance.Compare(match, worstFirst.Peek()) < 0)
                worstFirst.DequeueEnqueue(match, match);
        }
        var best = new List<Match>(worstFirst.Count);
        while (worstFirst.TryDequeue(out var match, out _))
            best.Add(match);
        best.Reverse();
        return best;
    }

    private Index CurrentIndex()
    {
        var generation = directory.Generation;
        if (_index is { } index && index.Generation == generation)
            return index;
        var entries = directory.All.Select(org => new Entry(org, Upper(org.Code), Upper(org.Name))).ToArray();
        return _index = new Index(generation, entries);
    }

    /// <summary>A text that upper-casing leaves as it is (every Chinese name, most codes) stays the directory's own string, not a second copy.</summary>
    private static string Upper(string text)
    {
        var upper = text.ToUpperInvariant();
        return string.Equals(upper, text, StringComparison.Ordinal) ? text : upper;
    }

    private sealed record Index(long Generation, Entry[] Entries);

    private readonly record struct Entry(OrgInfo Org, string Code, string Name);

    private readonly record struct Match(OrgInfo Org, int Rank);

    private sealed class MatchOrder : IComparer<Match>
    {
        public static readonly MatchOrder Instance = new();

        public int Compare(Match x, Match y)
        {
            var byRank = x.Rank.CompareTo(y.Rank);
            if (byRank != 0)
                return byRank;
            var byLevel = x.Org.Level.CompareTo(y.Org.Level);
            return byLevel != 0 ? byLevel : string.CompareOrdinal(x.Org.Code, y.Org.Code);
        }
    }
}
