using System.Text.Json;
using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads the name and kind an org is registered with, the kind being one of those given by its API name.</summary>
public static class NameAndKind
{
    public static Message UnknownKind(IReadOnlyDictionary<string, OrgKind> kinds) =>
        new($"must be one of {string.Join(", ", kinds.Keys)}.", $"必须是 {string.Join("、", kinds.Keys)} 之一。");

    public static (string? Name, OrgKind? Kind) Read(JsonElement json, string path, ErrorBag errors, IReadOnlyList<string> fields,
        IReadOnlyDictionary<string, OrgKind> kinds, Message unknownKind)
    {
        if (!JsonInput.IsObjectWith(json, path, errors, fields))
            return (null, null);
        var name = JsonInput.Text(json, "name", path, errors, 200);
        var kind = JsonInput.Text(json, "kind", path, errors, 32);
        if (kind is not null && !kinds.ContainsKey(kind))
            errors.Add(JsonInput.Join(path, "kind"), unknownKind);
        return (name, kind is not null && kinds.TryGetValue(kind, out var known) ? known : null);
    }
}
