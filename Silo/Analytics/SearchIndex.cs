using Coverage.Contracts;
using Coverage.Silo.Hierarchy;

namespace Coverage.Silo.Analytics;

/// <summary>
/// The tree laid out for search, as it was when the layout began. Orgs are in depth-first order, so an org and everything
/// below it are one run of them; their upper-cased codes and names are each one text, every entry opened by a separator no
/// code, name or query holds. A query over a run is then one vectorized IndexOf through its part of the text, not a
/// comparison per org, and a code prefix is a search for the separator followed by the query.
/// </summary>
internal sealed class SearchIndex
{
    private const char Separator = '\0';

    private readonly OrgInfo[] _orgs;
    // Each org's level and code hash beside it: reading an org's object costs a cache miss, which over millions of matches
    // is most of a search's time, so a search reads it only for the page it answers.
    private readonly byte[] _levels;
    private readonly int[] _codeHashes;
    private readonly Text _codes;
    private readonly Text _names;
    private readonly Dictionary<string, (int Start, int End)> _subtrees;

    private SearchIndex(OrgInfo[] orgs, byte[] levels, int[] codeHashes, Text codes, Text names, Dictionary<string, (int Start, int End)> subtrees)
    {
        _orgs = orgs;
        _levels = levels;
        _codeHashes = codeHashes;
        _codes = codes;
        _names = names;
        _subtrees = subtrees;
    }

    /// <summary>Lays out the tree as <paramref name="directory"/> holds it; orgs put while it walks may or may not be in it.</summary>
    public static SearchIndex Build(OrgDirectory directory)
    {
        var capacity = directory.Count + 64;
        var orgs = new List<OrgInfo>(capacity);
        var levels = new List<byte>(capacity);
        var codeHashes = new List<int>(capacity);
        var codes = new Text(capacity, 12);
        var names = new Text(capacity, 14);
        var subtrees = new Dictionary<string, (int Start, int End)>(StringComparer.Ordinal);
        if (directory.Find(OrgDirectory.NationalCode) is { } nation)
            Enter(nation);
        codes.End();
        names.End();
        return new SearchIndex([.. orgs], [.. levels], [.. codeHashes], codes, names, subtrees);

        void Enter(OrgInfo org)
        {
            var start = orgs.Count;
            orgs.Add(org);
            levels.Add((byte)org.Level);
            codeHashes.Add(ChangedCodes.Hash(org.Code));
            codes.Add(org.Code);
            names.Add(org.Name);
            // Grassroots unions are the tree's leaves, and most of it: asking for their children would cost a lookup each.
            if (org.Level == OrgLevel.Grassroots)
                return;
            foreach (var child in directory.ChildrenOf(org.Code))
                Enter(child);
            if (orgs.Count > start + 1)
                subtrees[org.Code] = (start, orgs.Count);
        }
    }

    /// <summary>
    /// Adds to <paramref name="found"/> every org at <paramref name="level"/> (any, if null) within <paramref name="under"/>
    /// (everywhere, if null) that <paramref name="query"/> finds, in the tree's order within each rank, leaving out the orgs
    /// whose codes are in <paramref name="changed"/>: the index may hold them as they were. <paramref name="upper"/> is the
    /// query upper-cased.
    /// </summary>
    public void Search(string query, string upper, OrgLevel? level, string? under, ChangedCodes.Copy changed, SearchResult found)
    {
        if (upper.Contains(Separator) || Subtree(under) is not var (start, end))
            return;
        if (upper.Length == 0)
        {
            for (var i = start; i < end; i++)
                Add(i, 0);
            return;
        }
        foreach (var i in _codes.Hits(string.Concat(Separator.ToString(), upper), start, end))
            Add(i, _orgs[i].Code == query ? 0 : 1);
        foreach (var i in _names.Hits(upper, start, end))
        {
            if (!_codes.EntryStartsWith(i, upper))
                Add(i, _names.EntryStartsWith(i, upper) ? 2 : 3);
        }

        void Add(int i, int rank)
        {
            var at = (OrgLevel)_levels[i];
            if ((level is null || at == level) && !(changed.Hashes.Contains(_codeHashes[i]) && changed.Codes.Contains(_orgs[i].Code)))
                found.Add(_orgs[i], rank, at);
        }
    }

    /// <summary>The run of orgs <paramref name="under"/> heads; null when the index does not hold it.</summary>
    private (int Start, int End)? Subtree(string? under)
    {
        if (under is null)
            return (0, _orgs.Length);
        if (_subtrees.TryGetValue(under, out var run))
            return run;
        // An org with nothing below it is a run of one, found among the orgs whose codes its code begins.
        foreach (var i in _codes.Hits(string.Concat(Separator.ToString(), under.ToUpperInvariant()), 0, _orgs.Length))
        {
            if (_orgs[i].Code == under)
                return (i, i + 1);
        }
        return null;
    }

    /// <summary>Upper-cased texts, one per org in order, each opened by the separator; the last is closed by one too.</summary>
    private sealed class Text(int entries, int averageLength)
    {
        private char[] _chars = new char[entries * (averageLength + 1)];
        private int _length;
        private int[] _starts = new int[entries + 1];
        private int _count;

        public void Add(string value)
        {
            Reserve(value.Length + 1);
            if (_count + 1 >= _starts.Length)
                Array.Resize(ref _starts, _starts.Length * 2);
            _starts[_count++] = _length;
            _chars[_length++] = Separator;
            _length += value.AsSpan().ToUpperInvariant(_chars.AsSpan(_length));
        }

        /// <summary>Closes the last entry, and gives back what growing the text by doubling left unused.</summary>
        public void End()
        {
            Reserve(1);
            _starts[_count] = _length;
            _chars[_length++] = Separator;
            if (_chars.Length - _length > _length / 8)
                Array.Resize(ref _chars, _length);
        }

        public bool EntryStartsWith(int entry, string value) =>
            _chars.AsSpan(_starts[entry] + 1, _starts[entry + 1] - _starts[entry] - 1).StartsWith(value, StringComparison.Ordinal);

        /// <summary>The entries from <paramref name="first"/> up to <paramref name="end"/> holding <paramref name="value"/>, each once, in order.</summary>
        public IEnumerable<int> Hits(string value, int first, int end)
        {
            var from = _starts[first];
            var limit = _starts[end];
            while (from < limit)
            {
                var at = _chars.AsSpan(from, limit - from).IndexOf(value.AsSpan(), StringComparison.Ordinal);
                if (at < 0)
                    yield break;
                var entry = EntryAt(from + at, first, end);
                yield return entry;
                first = entry + 1;
                from = _starts[first];
            }
        }

        /// <summary>The entry, from <paramref name="first"/> up to <paramref name="end"/>, whose text holds position <paramref name="at"/>.</summary>
        private int EntryAt(int at, int first, int end)
        {
            // A hit is most often in one of the next few entries, so look a doubling step further each time before halving.
            var low = first;
            var step = 1;
            while (low + step < end && _starts[low + step] <= at)
            {
                low += step;
                step <<= 1;
            }
            var found = Array.BinarySearch(_starts, low, Math.Min(low + step, end) - low, at);
            return found >= 0 ? found : ~found - 1;
        }

        private void Reserve(int more)
        {
            if (_length + more > _chars.Length)
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + more));
        }
    }
}
