namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Collects every error of a request, keyed by the path of the field it concerns, so one answer lists them all, in the
/// request's language.
/// </summary>
public sealed class ErrorBag
{
    /// <summary>
    /// Past this many, only the first error of each batch item or CSV row not yet named is listed and the rest are counted,
    /// so every faulty item is named while a body with many faults in each cannot produce a gigantic answer.
    /// </summary>
    public const int MaxErrors = 1000;

    private readonly Entries _entries;
    private readonly Func<string, string> _name;
    private readonly Func<Message, Message> _word;

    public ErrorBag(Language language = Language.English) : this(new Entries(language), path => path, message => message)
    {
    }

    private ErrorBag(Entries entries, Func<string, string> name, Func<Message, Message> word)
    {
        _entries = entries;
        _name = name;
        _word = word;
    }

    public Language Language => _entries.Language;

    public int Count => _entries.Count;

    public bool Any => Count > 0;

    /// <summary>The same bag, listing errors under names mapped from field paths (CSV columns rather than JSON paths).</summary>
    public ErrorBag Renamed(Func<string, string> name) => new(_entries, path => _name(name(path)), _word);

    /// <summary>The same bag, telling a sheet's sender what a sheet may hold where a message tells what JSON may.</summary>
    public ErrorBag Reworded(Func<Message, Message> word) => new(_entries, _name, message => _word(word(message)));

    public void Add(string path, Message message) => _entries.Add(_name(path), _word(message).In(Language));

    /// <summary>Another bag for errors of the same request, in its language.</summary>
    public ErrorBag Sibling() => new(Language);

    public Dictionary<string, string[]> ToDictionary()
    {
        var result = _entries.ByPath.ToDictionary(e => e.Key, e => e.Value.ToArray());
        if (_entries.Unlisted > 0)
            result["$"] = [new Message($"{_entries.Unlisted} more errors were not listed: past {MaxErrors}, only each item's first error is.",
                $"另有 {_entries.Unlisted} 处错误未列出：超过 {MaxErrors} 处后，每项只列第一处错误。").In(Language)];
        return result;
    }

    private sealed class Entries(Language language)
    {
        private readonly HashSet<string> _namedItems = new(StringComparer.Ordinal);

        public Language Language { get; } = language;

        public Dictionary<string, List<string>> ByPath { get; } = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public int Unlisted { get; private set; }

        public void Add(string path, string message)
        {
            Count++;
            var item = ItemOf(path);
            var firstOfItem = item is not null && _namedItems.Add(item);
            if (Count - Unlisted > MaxErrors && !firstOfItem)
            {
                Unlisted++;
                return;
            }
            if (!ByPath.TryGetValue(path, out var messages))
                ByPath[path] = messages = [];
            messages.Add(message);
        }

        /// <summary>The batch item (<c>[3]</c>) or CSV row (<c>rows[4]</c>) a path lies in, or null for a path of a single object.</summary>
        private static string? ItemOf(string path)
        {
            var end = path.IndexOf(']');
            var dot = path.IndexOf('.');
            return end > 0 && (dot == -1 || dot > end) ? path[..(end + 1)] : null;
        }
    }
}
