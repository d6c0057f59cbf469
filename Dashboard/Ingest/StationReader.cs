using System.Globalization;
using System.Text.Json;
using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a station registration and a usage report, listing every problem under its path.</summary>
public sealed class StationReader(TimeProvider clock)
{
    public const int MaxAmenities = 32;
    public const int MaxUsageDays = Aggregate.VisitDaysKept;
    public const long MaxVisits = 10_000_000;

    /// <summary>How the message for a flag that is not a boolean begins, so a sheet's reader can tell its sender what a sheet may hold.</summary>
    public const string FlagRule = "must be true or false,";

    /// <summary>The fields of a registration, as PUT /api/v1/stations/{stationId} takes it.</summary>
    public static readonly IReadOnlyList<string> Fields = ["orgCode", "name", "lat", "lon", "open24h", "smart", "amenities"];
    private static readonly string[] UsageFields = ["date", "visits"];

    /// <summary>A registration whose object may hold <paramref name="fields"/> (<see cref="Fields"/> unless given), errors keyed by field.</summary>
    public static StationInfo? ReadInfo(JsonElement json, ErrorBag errors, IReadOnlyList<string>? fields = null)
    {
        if (!JsonInput.IsObjectWith(json, "", errors, fields ?? Fields))
            return null;
        var before = errors.Count;
        var org = JsonInput.Text(json, "orgCode", "", errors, 64);
        var name = JsonInput.Text(json, "name", "", errors, 200);
        var lat = Coordinate(json, "lat", 90, errors);
        var lon = Coordinate(json, "lon", 180, errors);
        var open24h = Flag(json, "open24h", errors);
        var smart = Flag(json, "smart", errors);
        var amenities = Amenities(json, errors);
        return errors.Count > before ? null : new StationInfo(org!, name!, lat!.Value, lon!.Value, open24h, smart, amenities);
    }

    public IReadOnlyList<DailyUsage>? ReadUsage(JsonElement json, ErrorBag errors)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            errors.Add("$", JsonInput.MustBe(new("an array of {\"date\", \"visits\"}", " {\"date\", \"visits\"} 的数组"), json));
            return null;
        }
        if (json.GetArrayLength() is 0 or > MaxUsageDays)
        {
            errors.Add("$", new($"must hold 1 to {MaxUsageDays} days; older days are not kept.", $"必须包含 1 至 {MaxUsageDays} 天；更早的日期不予保存。"));
            return null;
        }
        var before = errors.Count;
        var (oldest, today) = UsageWindow();
        var usage = new List<DailyUsage>();
        var index = 0;
        foreach (var day in json.EnumerateArray())
        {
            var path = $"[{index++}]";
            if (!JsonInput.IsObjectWith(day, path, errors, UsageFields))
                continue;
            var visits = JsonInput.Count(day, "visits", path, errors, MaxVisits);
            var text = JsonInput.Text(day, "date", path, errors, 10);
            if (text is null)
                continue;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                errors.Add($"{path}.date", new("must be a date like 2026-11-20.", "必须是日期，如 2026-11-20。"));
            else if (date > today || date < oldest)
                errors.Add($"{path}.date", new($"must be between {oldest:yyyy-MM-dd} and today ({today:yyyy-MM-dd}, China Standard Time).",
                    $"必须在 {oldest:yyyy-MM-dd} 至今天（北京时间 {today:yyyy-MM-dd}）之间。"));
            else if (usage.Any(u => u.Date == date))
                errors.Add($"{path}.date", new("appears more than once.", "出现了不止一次。"));
            else if (visits is { } count)
                usage.Add(new DailyUsage(date, count));
        }
        return errors.Count > before ? null : usage;
    }

    /// <summary>The days a usage report may name: those still kept, up to today in China Standard Time.</summary>
    public (DateOnly Oldest, DateOnly Today) UsageWindow()
    {
        var today = ChinaClock.Today(clock);
        return (today.AddDays(1 - Aggregate.VisitDaysKept), today);
    }

    private static double? Coordinate(JsonElement json, string field, double limit, ErrorBag errors)
    {
        if (!json.TryGetProperty(field, out var value))
            errors.Add(field, JsonInput.Required);
        else if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var degrees) || !double.IsFinite(degrees))
            errors.Add(field, JsonInput.MustBe(new("a number", "数字"), value));
        else if (Math.Abs(degrees) > limit)
            errors.Add(field, new($"must be between -{limit} and {limit} degrees.", $"必须在 -{limit} 至 {limit} 度之间。"));
        else
            return degrees;
        return null;
    }

    private static bool Flag(JsonElement json, string field, ErrorBag errors)
    {
        if (!json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return false;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        errors.Add(field, JsonInput.MustBe(new("true or false", " true 或 false"), value));
        return false;
    }

    private static List<string> Amenities(JsonElement json, ErrorBag errors)
    {
        var amenities = new List<string>();
        if (!json.TryGetProperty("amenities", out var value) || value.ValueKind == JsonValueKind.Null)
            return amenities;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MaxAmenities)
        {
            errors.Add("amenities", new($"must be an array of at most {MaxAmenities} strings.", $"必须是最多 {MaxAmenities} 项文本的数组。"));
            return amenities;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (JsonInput.Text(item, $"amenities[{index++}]", errors, 64) is { } amenity)
                amenities.Add(amenity);
        }
        return amenities;
    }
}
