namespace Coverage.Silo.Analytics;

/// <summary>
/// Codes of the orgs put or deregistered since a search index began to be made, which the index may hold as they were.
/// Writers add under a lock; searches read a copy, made once per change rather than once per search.
/// </summary>
internal sealed class ChangedCodes
{
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private Copy? _copy;

    public int Count
    {
        get
        {
            lock (_codes)
                return _codes.Count;
        }
    }

    public void Add(IEnumerable<string> codes)
    {
        lock (_codes)
        {
            _codes.UnionWith(codes);
            _copy = null;
        }
    }

    public Copy Read()
    {
        lock (_codes)
            return _copy ??= new Copy(new HashSet<string>(_codes, StringComparer.Ordinal), _codes.Select(Hash).ToHashSet());
    }

    /// <summary>The hash an index keeps of each of its codes, so most of its orgs are told unchanged without reading their codes.</summary>
    public static int Hash(string code) => StringComparer.Ordinal.GetHashCode(code);

    public sealed record Copy(IReadOnlySet<string> Codes, IReadOnlySet<int> Hashes);
}
