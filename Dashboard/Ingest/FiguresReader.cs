using System.Text.Json;
using System.Text.RegularExpressions;
using Coverage.Contracts;
using Coverage.Dashboard.Api;

namespace Coverage.Dashboard.Ingest;

/// <summary>Figures from JSON, with every problem listed under its path instead of only the first.</summary>
public sealed partial class FiguresReader(TimeProvider clock)
{
    /// <summary>Far above any real count (China has 1.4 billion people), low enough that sums over millions of orgs cannot overflow.</summary>
    public const long MaxCount = 1_000_000_000_000;

    /// <summary>Figures dated further ahead than this are refused: they would lock out every correction until then.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    /// <summary>Earlier than any figures this system holds; earlier moments are typos.</summary>
    public static readonly DateTimeOffset Earliest = new(Years.First, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly string[] Fields =
        ["asOf", "employees", "members", "verifiedMembers", "unitsRequired", "unitsUnionized", "newEmployment"];

    public static readonly Message AsOfForm = new("must be an ISO 8601 date and time with an offset, like 2026-11-20T09:30:00+08:00.",
        "必须是带时区的 ISO 8601 日期时间，如 2026-11-20T09:30:00+08:00。");

    private static readonly string[] GroupFields = ["workers", "members"];

    /// <summary>Reads figures at <paramref name="path"/>; <paramref name="name"/> maps a field path to the key errors are listed under.</summary>
    public Figures? Read(JsonElement json, string path, ErrorBag errors, Func<string, string>? name = null)
    {
        var bag = name is null ? errors : errors.Renamed(name);
        var before = errors.Count;
        if (!JsonInput.IsObjectWith(json, path, bag, Fields))
            return null;
        var asOf = AsOf(json, path, bag);
        var employees = JsonInput.Count(json, "employees", path, bag, MaxCount);
        var members = JsonInput.Count(json, "members", path, bag, MaxCount);
        var verified = JsonInput.Count(json, "verifiedMembers", path, bag, MaxCount);
        var required = JsonInput.Count(json, "unitsRequired", path, bag, MaxCount);
        var unionized = JsonInput.Count(json, "unitsUnionized", path, bag, MaxCount);
        var groups = Groups(json, JsonInput.Join(path, "newEmployment"), bag);
        NotAbove(members, "members", employees, "employees", "职工人数", path, bag);
        NotAbove(verified, "verifiedMembers", members, "members", "会员人数", path, bag);
        NotAbove(unionized, "unitsUnionized", required, "unitsRequired", "应建会单位数", path, bag);
        return errors.Count > before
            ? null
            : new Figures(asOf!.Value, employees!.Value, members!.Value, verified!.Value, required!.Value, unionized!.Value, groups!);
    }

    private DateTimeOffset? AsOf(JsonElement json, string path, ErrorBag bag)
    {
        var at = JsonInput.Join(path, "asOf");
        if (JsonInput.Text(json, "asOf", path, bag, 64) is not { } text)
            return null;
        if (!WithOffset().IsMatch(text) || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var asOf))
        {
            bag.Add(at, AsOfForm);
            return null;
        }
        if (asOf > clock.GetUtcNow() + MaxAhead || asOf < Earliest)
        {
            bag.Add(at, new($"must lie between the year {Years.First} and one day from now.", $"必须在 {Years.First} 年至此刻之后一天之间。"));
            return null;
        }
        return asOf;
    }

    private static Dictionary<string, GroupFigures>? Groups(JsonElement json, string path, ErrorBag bag)
    {
        var groups = new Dictionary<string, GroupFigures>(StringComparer.Ordinal);
        if (!json.TryGetProperty("newEmployment", out var value) || value.ValueKind == JsonValueKind.Null)
            return groups;
        if (value.ValueKind != JsonValueKind.Object)
        {
            bag.Add(path, JsonInput.MustBe(new("an object keyed by group", "以群体为键的对象"), value));
            return null;
        }
        foreach (var group in value.EnumerateObject())
        {
            if (JsonInput.NameOf(group, path, bag) is not { } name)
                continue;
            var at = JsonInput.Join(path, name);
            if (!NewEmploymentGroups.IsKnown(name))
            {
                bag.Add(at, new($"is not a known group; expected {string.Join(", ", NewEmploymentGroups.All)}.",
                    $"不是可识别的群体；可用的群体为 {string.Join(", ", NewEmploymentGroups.All)}。"));
                continue;
            }
            if (groups.ContainsKey(name))
            {
                bag.Add(at, new("appears more than once.", "出现了不止一次。"));
                continue;
            }
            if (!JsonInput.IsObjectWith(group.Value, at, bag, GroupFields))
                continue;
            var workers = JsonInput.Count(group.Value, "workers", at, bag, MaxCount);
            var members = JsonInput.Count(group.Value, "members", at, bag, MaxCount);
            NotAbove(members, "members", workers, "workers", "该群体劳动者人数", at, bag);
            if (workers is { } w && members is { } m)
                groups[name] = new GroupFigures(w, m);
        }
        return groups;
    }

    /// <summary>Checked whenever both counts were read, so one answer lists these errors alongside the others.</summary>
    private static void NotAbove(long? part, string partName, long? whole, string wholeName, string wholeChinese, string path, ErrorBag bag)
    {
        if (part > whole)
            bag.Add(JsonInput.Join(path, partName), new($"({part}) must not exceed {wholeName} ({whole}).", $"（{part}）不能超过{wholeChinese}（{whole}）。"));
    }

    [GeneratedRegex(@"T.*(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();
}
