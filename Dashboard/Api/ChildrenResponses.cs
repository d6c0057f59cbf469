using System.Collections.Concurrent;
using System.Text.Json;
using Coverage.Contracts;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Api;

/// <summary>
/// The JSON of each org's children list, reused while every child's summary is the very instance it was written from.
/// Grains hand out one summary instance until the org changes, so a province read by many at once is serialized once per change.
/// </summary>
public sealed class ChildrenResponses(IOptions<JsonOptions> json)
{
    /// <summary>Past this many bytes the whole cache is dropped: refilling costs one serialization per list read again.</summary>
    private const long ByteBudget = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<(string Code, string? Sort, bool Descending), Entry> _entries = new();
    private readonly Lock _replacing = new();
    private long _bytes;

    public byte[] Json(string code, Sorting sorting, OrgSummary[] children)
    {
        var key = (code, sorting.Measure?.Name, sorting.Descending);
        if (_entries.TryGetValue(key, out var kept) && kept.WasMadeFrom(children))
            return kept.Json;
        var made = new Entry(children, JsonSerializer.SerializeToUtf8Bytes(sorting.Apply(children).ToArray(), json.Value.SerializerOptions));
        // Only misses take the lock, so the byte count stays exact without slowing the reads that hit.
        lock (_replacing)
        {
            if (_entries.TryGetValue(key, out var replaced))
                _bytes -= replaced.Json.Length;
            if (_bytes + made.Json.Length > ByteBudget)
            {
                _entries.Clear();
                _bytes = 0;
            }
            _entries[key] = made;
            _bytes += made.Json.Length;
        }
        return made.Json;
    }

    private sealed record Entry(OrgSummary[] Children, byte[] Json)
    {
        public bool WasMadeFrom(OrgSummary[] children)
        {
            if (children.Length != Children.Length)
                return false;
            for (var i = 0; i < children.Length; i++)
                if (!ReferenceEquals(children[i], Children[i]))
                    return false;
            return true;
        }
    }
}
