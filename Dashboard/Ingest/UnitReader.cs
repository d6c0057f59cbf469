using System.Text.Json;
using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a grassroots union's name and kind, alone or as an item of a batch; errors are keyed by the path given.</summary>
public static class UnitReader
{
    /// <summary>The kinds a grassroots union is registered as, by their API names.</summary>
    public static readonly IReadOnlyDictionary<string, OrgKind> Kinds = new Dictionary<string, OrgKind>(StringComparer.Ordinal)
    {
        ["enterprise"] = OrgKind.Enterprise,
        ["joint"] = OrgKind.Joint,
        ["sector"] = OrgKind.Sector,
    };

    public static readonly Message UnknownKind = new($"must be one of {string.Join(", ", Kinds.Keys)}.", $"必须是 {string.Join("、", Kinds.Keys)} 之一。");

    public static (string? Name, OrgKind? Kind) Read(JsonElement json, string path, ErrorBag errors, IReadOnlyList<string> fields)
    {
        if (!JsonInput.IsObjectWith(json, path, errors, fields))
            return (null, null);
        var name = JsonInput.Text(json, "name", path, errors, 200);
        var kind = JsonInput.Text(json, "kind", path, errors, 32);
        if (kind is not null && !Kinds.ContainsKey(kind))
            errors.Add(JsonInput.Join(path, "kind"), UnknownKind);
        return (name, kind is not null && Kinds.TryGetValue(kind, out var known) ? known : null);
    }
}
