namespace Coverage.Dashboard.Ingest;

/// <summary>Collects every error of a request, keyed by the path of the field it concerns, so one answer lists them all.</summary>
public sealed class ErrorBag
{
    /// <summary>Stops collecting past this many, so a hostile 10,000-item body cannot produce a gigantic answer.</summary>
    public const int MaxErrors = 1000;

    private readonly Entries _entries;
    private readonly Func<string, string> _name;

    public ErrorBag() : this(new Entries(), path => path)
    {
    }

    private ErrorBag(Entries entries, Func<string, string> name)
    {
        _entries = entries;
        _name = name;
    }

    public int Count => _entries.Count;

    public bool Any => Count > 0;

    /// <summary>The same bag, listing errors under names mapped from field paths (CSV columns rather than JSON paths).</summary>
    public ErrorBag Renamed(Func<string, string> name) => new(_entries, path => _name(name(path)));

    public void Add(string path, string message) => _entries.Add(_name(path), message);

    public Dictionary<string, string[]> ToDictionary()
    {
        var result = _entries.ByPath.ToDictionary(e => e.Key, e => e.Value.ToArray());
        if (Count > MaxErrors)
            result["$"] = [$"{Count - MaxErrors} more errors were not listed."];
        return result;
    }

    private sealed class Entries
    {
        public Dictionary<string, List<string>> ByPath { get; } = new(StringComparer.Ordinal);

        public int Count { get; private set; }

        public void Add(string path, string message)
        {
            Count++;
            if (Count > MaxErrors)
                return;
            if (!ByPath.TryGetValue(path, out var messages))
                ByPath[path] = messages = [];
            messages.Add(message);
        }
    }
}
