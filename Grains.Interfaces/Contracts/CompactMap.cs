using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Coverage.Contracts;

/// <summary>
/// A read-only map of a few entries in one array, with shared keys: a county keeps every child's and station's totals in
/// memory, and per child a dictionary's buckets and bookkeeping, plus its own copy of each group name and day, cost
/// several times the counts they hold.
/// </summary>
public sealed class CompactMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    public static readonly CompactMap<TValue> Empty = new([]);

    private readonly KeyValuePair<string, TValue>[] _entries;

    private CompactMap(KeyValuePair<string, TValue>[] entries) => _entries = entries;

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<TValue> Values => _entries.Select(e => e.Value);

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in the map.");

    /// <summary>The entries in their order with shared keys, a later one replacing an earlier one of the same key.</summary>
    public static CompactMap<TValue> Of(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        var kept = new List<KeyValuePair<string, TValue>>();
        foreach (var (key, value) in entries)
        {
            var shared = SharedKeys.Of(key);
            var at = 0;
            while (at < kept.Count && !string.Equals(kept[at].Key, shared, StringComparison.Ordinal))
                at++;
            if (at == kept.Count)
                kept.Add(new(shared, value));
            else
                kept[at] = new(shared, value);
        }
        return kept.Count == 0 ? Empty : new([.. kept]);
    }

    /// <summary>Entries whose keys are distinct and already shared, taken as they are: the roll-up's hot path.</summary>
    public static CompactMap<TValue> OfShared(KeyValuePair<string, TValue>[] entries) => entries.Length == 0 ? Empty : new(entries);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => TryGetValue(key, 0, out value);

    /// <summary>
    /// Looks at <paramref name="likelyAt"/> first: two aggregates made from one running sum list their keys in the same
    /// order, so comparing them entry by entry finds each key at once instead of scanning for it.
    /// </summary>
    public bool TryGetValue(string key, int likelyAt, [MaybeNullWhen(false)] out TValue value)
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            var entry = _entries[(likelyAt + i) % _entries.Length];
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                value = entry.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
