using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>
/// The additive form of an org's figures, used for roll-up: every field sums, including station visits per day
/// (keyed yyyy-MM-dd in China Standard Time) so windows like "today" stay right when the day turns.
/// </summary>
public sealed record Aggregate(
    long Employees,
    long Members,
    long VerifiedMembers,
    long UnitsRequired,
    long UnitsUnionized,
    [property: JsonConverter(typeof(GroupFiguresMapJsonConverter))] IReadOnlyDictionary<string, GroupFigures> NewEmployment,
    long Stations,
    [property: JsonConverter(typeof(DailyVisitsJsonConverter))] IReadOnlyDictionary<string, long> DailyVisits)
{
    /// <summary>Daily visits older than this many days are dropped; the longest window shown is 30 days.</summary>
    public const int VisitDaysKept = 31;

    public static readonly Aggregate Empty = new(0, 0, 0, 0, 0, CompactMap<GroupFigures>.Empty, 0, CompactMap<long>.Empty);

    private static readonly ConcurrentDictionary<DateOnly, string> DayKeys = new();

    public static Aggregate Of(Figures? figures) => figures is null
        ? Empty
        : new(figures.Employees, figures.Members, figures.VerifiedMembers, figures.UnitsRequired, figures.UnitsUnionized,
            figures.NewEmployment, 0, Empty.DailyVisits);

    public static Aggregate OfStation(IReadOnlyDictionary<string, long> dailyVisits) =>
        Empty with { Stations = 1, DailyVisits = dailyVisits };

    /// <summary>
    /// A fresh sum of the parts, made in place with each group's figures made once: recovery rebuilds every org with it and
    /// the consistency check recomputes every org with it, independently of the running sums grains keep.
    /// </summary>
    public static Aggregate Sum(IEnumerable<Aggregate> parts)
    {
        long employees = 0, members = 0, verified = 0, required = 0, unionized = 0, stations = 0;
        var groups = new Dictionary<string, (long Workers, long Members)>();
        var visits = new Dictionary<string, long>();
        foreach (var part in parts)
        {
            employees += part.Employees;
            members += part.Members;
            verified += part.VerifiedMembers;
            required += part.UnitsRequired;
            unionized += part.UnitsUnionized;
            stations += part.Stations;
            foreach (var (group, figures) in part.NewEmployment)
            {
                ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, group, out _);
                sum = (sum.Workers + figures.Workers, sum.Members + figures.Members);
            }
            foreach (var (day, count) in part.DailyVisits)
                CollectionsMarshal.GetValueRefOrAddDefault(visits, day, out _) += count;
        }
        var newEmployment = new Dictionary<string, GroupFigures>(groups.Count);
        foreach (var (group, sum) in groups)
            newEmployment[group] = new GroupFigures(sum.Workers, sum.Members);
        return new(employees, members, verified, required, unionized, newEmployment, stations, visits);
    }

    /// <summary>Drops visit days that fell out of the longest window, so state stays bounded.</summary>
    public Aggregate TrimmedTo(DateOnly today)
    {
        var oldest = Day(today.AddDays(1 - VisitDaysKept));
        return DailyVisits.Keys.All(d => string.CompareOrdinal(d, oldest) >= 0)
            ? this
            : this with { DailyVisits = DailyVisits.Where(v => string.CompareOrdinal(v.Key, oldest) >= 0).ToDictionary() };
    }

    public Totals ToTotals(DateOnly today)
    {
        string last = Day(today), week = Day(today.AddDays(-6)), month = Day(today.AddDays(-29));
        long inDay = 0, inWeek = 0, inMonth = 0;
        foreach (var (day, visits) in DailyVisits)
        {
            if (string.CompareOrdinal(day, month) < 0 || string.CompareOrdinal(day, last) > 0)
                continue;
            inMonth += visits;
            if (string.CompareOrdinal(day, week) >= 0)
                inWeek += visits;
            if (day == last)
                inDay += visits;
        }
        return new(Employees, Members, VerifiedMembers, UnitsRequired, UnitsUnionized, NewEmployment, Stations,
            new StationVisits(inDay, inWeek, inMonth));
    }

    /// <summary>Equal counts field by field; records compare dictionaries by reference, so this compares their contents.</summary>
    public bool SameAs(Aggregate other) =>
        Employees == other.Employees && Members == other.Members && VerifiedMembers == other.VerifiedMembers &&
        UnitsRequired == other.UnitsRequired && UnitsUnionized == other.UnitsUnionized && Stations == other.Stations &&
        SameEntries(NewEmployment, other.NewEmployment) && SameEntries(DailyVisits, other.DailyVisits);

    /// <summary>yyyy-MM-dd. Kept once per date: every summary asks for the same few days, and days only ever add up slowly.</summary>
    public static string Day(DateOnly date) =>
        DayKeys.GetOrAdd(date, static d => d.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The date a <see cref="Day"/> key stands for.</summary>
    public static DateOnly DateOf(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An entry listed with zeros counts as one not listed, so each side's non-zero entries must match the other's.</summary>
    private static bool SameEntries<T>(IReadOnlyDictionary<string, T> left, IReadOnlyDictionary<string, T> right) =>
        Covers(left, right) && Covers(right, left);

    private static bool Covers<T>(IReadOnlyDictionary<string, T> from, IReadOnlyDictionary<string, T> to)
    {
        var at = 0;
        foreach (var (key, value) in from)
        {
            var found = to is CompactMap<T> compact ? compact.TryGetValue(key, at, out var other) : to.TryGetValue(key, out other);
            if (!IsZero(value) && !(found && EqualityComparer<T>.Default.Equals(value, other)))
                return false;
            at++;
        }
        return true;
    }

    private static bool IsZero<T>(T value) => value is 0L || value is GroupFigures { Workers: 0, Members: 0 };
}
