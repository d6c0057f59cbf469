using System.Text.Json;
using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a batch of grassroots unions, <c>[{"code", "name", "kind"}]</c>; errors are keyed like <c>[3].kind</c>.</summary>
public static class UnitsJsonBatch
{
    private static readonly string[] ItemFields = ["code", "name", "kind"];

    /// <summary>Items' errors are keyed by <paramref name="itemPath"/> of their index: <c>[3]</c> unless an import names its rows.</summary>
    public static List<UnitItem> Read(JsonElement root, ErrorBag errors, Func<int, string>? itemPath = null)
    {
        itemPath ??= index => $"[{index}]";
        var items = new List<UnitItem>();
        if (!FiguresJsonBatch.IsBatch(root, """{"code", "name", "kind"}""", errors))
            return items;
        var firstOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = itemPath(index);
            var code = element.ValueKind == JsonValueKind.Object ? JsonInput.Text(element, "code", path, errors, 64) : null;
            var (name, kind) = UnitReader.Read(element, path, errors, ItemFields);
            if (code is not null && !Codes.IsValid(code))
                errors.Add(JsonInput.Join(path, "code"), Codes.Invalid);
            else if (code is not null && !firstOf.TryAdd(code, index))
                errors.Add(JsonInput.Join(path, "code"), new($"'{code}' is already at {itemPath(firstOf[code])}; list each unit once.",
                    $"“{code}”已在 {itemPath(firstOf[code])} 出现；每个基层工会只列一次。"));
            else if (code is not null && name is not null && kind is not null)
                items.Add(new UnitItem(JsonInput.Join(path, "code"), code, name, kind.Value));
            index++;
        }
        return items;
    }
}

/// <summary>One grassroots union of a batch, with the path its errors are keyed by.</summary>
public sealed record UnitItem(string Path, string Code, string Name, OrgKind Kind);
