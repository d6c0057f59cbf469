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

    public static readonly Message UnknownKind = NameAndKind.UnknownKind(Kinds);

    public static (string? Name, OrgKind? Kind) Read(JsonElement json, string path, ErrorBag errors, IReadOnlyList<string> fields) =>
        NameAndKind.Read(json, path, errors, fields, Kinds, UnknownKind);
}
