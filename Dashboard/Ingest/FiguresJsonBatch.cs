using System.Text.Json;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a figures batch, <c>[{"code": …, "figures": {…}}]</c>; errors are keyed like <c>[3].figures.members</c>.</summary>
public static class FiguresJsonBatch
{
    public const int MaxItems = 10_000;

    private static readonly string[] ItemFields = ["code", "figures"];

    public static List<FiguresItem> Read(JsonElement root, FiguresReader reader, ErrorBag errors)
    {
        var items = new List<FiguresItem>();
        if (!IsBatch(root, """{"code", "figures"}""", errors))
            return items;
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = $"[{index++}]";
            if (!JsonInput.IsObjectWith(element, path, errors, ItemFields))
                continue;
            var code = JsonInput.Text(element, "code", path, errors, 64);
            Figures(element, path, reader, errors, code, items);
        }
        return items;
    }

    /// <summary>Whether the body is an array of 1 to <see cref="MaxItems"/> items; when not, the error names the items' <paramref name="shape"/>.</summary>
    public static bool IsBatch(JsonElement root, string shape, ErrorBag errors)
    {
        if (root.ValueKind != JsonValueKind.Array)
            errors.Add("$", JsonInput.MustBe(new($"an array of {shape} items", $" {shape} 项的数组"), root));
        else if (root.GetArrayLength() is 0 or > MaxItems)
            errors.Add("$", new($"has {root.GetArrayLength()} items; a batch holds 1 to {MaxItems}.", $"有 {root.GetArrayLength()} 项；一批可含 1 至 {MaxItems} 项。"));
        else
            return true;
        return false;
    }

    private static void Figures(JsonElement element, string path, FiguresReader reader, ErrorBag errors, string? code, List<FiguresItem> items)
    {
        var at = JsonInput.Join(path, "figures");
        if (!element.TryGetProperty("figures", out var json))
        {
            errors.Add(at, JsonInput.Required);
            return;
        }
        if (reader.Read(json, at, errors) is { } figures && code is not null)
            items.Add(new FiguresItem(JsonInput.Join(path, "code"), JsonInput.Join(at, "asOf"), code, figures));
    }
}
