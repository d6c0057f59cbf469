using System.Text.Json;
using Coverage.Silo.Targets;

namespace Coverage.Dashboard.Ingest;

/// <summary>An org's targets for a year, <c>{"newMembers": 30000, "membership": 0.85}</c>, as a single write or a batch's item sends them.</summary>
public static class TargetsReader
{
    public static readonly IReadOnlyList<string> Keys = [.. TargetMeasures.All.Select(t => t.Key)];

    /// <summary>Every target, each checked against its measure; every problem is listed under its field below <paramref name="path"/>.</summary>
    public static Dictionary<string, double> Read(JsonElement json, string path, ErrorBag errors)
    {
        var targets = new Dictionary<string, double>(StringComparer.Ordinal);
        var before = errors.Count;
        if (!JsonInput.IsObjectWith(json, path, errors, Keys))
            return targets;
        foreach (var property in json.EnumerateObject())
        {
            if (TargetMeasures.Find(property.Name) is not { } measure)
                continue;
            var at = JsonInput.Join(path, property.Name);
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value))
                errors.Add(at, JsonInput.MustBe(new("a number", "数字"), property.Value));
            else if (!double.IsFinite(value) || value <= 0 || (measure.IsRate && value > 1))
                errors.Add(at, measure.IsRate
                    ? new($"is a rate: give a number above 0 and at most 1 (0.85 for 85%), not {value}.", $"是比率：请填大于 0、至多为 1 的数（85% 填 0.85），而不是 {value}。")
                    : new($"must be a number above 0, not {value}.", $"必须是大于 0 的数，而不是 {value}。"));
            else
                targets[property.Name] = value;
        }
        if (targets.Count == 0 && errors.Count == before)
            errors.Add(path.Length == 0 ? "$" : path, new("sets no target; send e.g. {\"newMembers\": 30000}.", "没有设定任何目标；例如发送 {\"newMembers\": 30000}。"));
        return targets;
    }
}
