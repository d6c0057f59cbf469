using System.Text.Json;
using Coverage.Dashboard.Api;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a targets batch, <c>[{"code", "year", "targets": {…}}]</c>; errors are keyed like <c>[3].targets.membership</c>.</summary>
public static class TargetsJsonBatch
{
    private static readonly string[] ItemFields = ["code", "year", "targets"];

    /// <summary>Items' errors are keyed by <paramref name="itemPath"/> of their index: <c>[3]</c> unless an import names its rows.</summary>
    public static List<TargetsItem> Read(JsonElement root, ErrorBag errors, Func<int, string>? itemPath = null)
    {
        itemPath ??= index => $"[{index}]";
        var items = new List<TargetsItem>();
        if (!FiguresJsonBatch.IsBatch(root, """{"code", "year", "targets"}""", errors))
            return items;
        var firstOf = new Dictionary<(string, int), int>();
        var index = -1;
        foreach (var element in root.EnumerateArray())
        {
            var path = itemPath(++index);
            if (!JsonInput.IsObjectWith(element, path, errors, ItemFields))
                continue;
            var code = JsonInput.Text(element, "code", path, errors, 64);
            var year = Year(element, path, errors);
            var targets = element.TryGetProperty("targets", out var json)
                ? TargetsReader.Read(json, JsonInput.Join(path, "targets"), errors)
                : Missing(JsonInput.Join(path, "targets"), errors);
            if (code is null || year is null || targets.Count == 0)
                continue;
            if (!firstOf.TryAdd((code, year.Value), index))
                errors.Add(JsonInput.Join(path, "code"), new($"'{code}' has its {year} targets at {itemPath(firstOf[(code, year.Value)])} already; list each org once a year.",
                    $"“{code}”的 {year} 年目标已在 {itemPath(firstOf[(code, year.Value)])}；每个组织每年只列一次。"));
            else
                items.Add(new TargetsItem(JsonInput.Join(path, "code"), code, year.Value, targets));
        }
        return items;
    }

    private static int? Year(JsonElement element, string path, ErrorBag errors)
    {
        var year = JsonInput.Count(element, "year", path, errors, Years.Last);
        if (year >= Years.First)
            return (int)year;
        if (year is not null)
            errors.Add(JsonInput.Join(path, "year"), new($"is not a plausible target year; use a year {Years.Range}.", $"不是合理的目标年度；请填 {Years.First} 至 {Years.Last} 年之间的年份。"));
        return null;
    }

    private static Dictionary<string, double> Missing(string at, ErrorBag errors)
    {
        errors.Add(at, JsonInput.Required);
        return [];
    }
}
