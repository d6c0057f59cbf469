using System.Collections.Concurrent;
using System.Globalization;

namespace Coverage.Contracts;

/// <summary>One string per new-employment group and per day, however many aggregates list them.</summary>
public static class SharedKeys
{
    private static readonly HashSet<string> Groups = [.. NewEmploymentGroups.All];
    private static readonly ConcurrentDictionary<string, string> Days = new(StringComparer.Ordinal);

    /// <summary>The shared instance of a group name or a yyyy-MM-dd day; any other key as it is.</summary>
    public static string Of(string key)
    {
        if (Groups.TryGetValue(key, out var group))
            return group;
        if (Days.TryGetValue(key, out var day))
            return day;
        return key.Length == 10 && DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? Days.GetOrAdd(key, Aggregate.Day(date))
            : key;
    }
}
