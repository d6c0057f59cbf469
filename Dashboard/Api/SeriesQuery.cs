using System.Globalization;
using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>What a time series read asks for: a measure with history, an interval and a range of China days ending by today.</summary>
public sealed record SeriesQuery(Measure Measure, SeriesInterval Interval, DateOnly From, DateOnly To, DateOnly Today)
{
    /// <summary>Longest range per interval, so one request reads a bounded number of history rows.</summary>
    private static readonly Dictionary<SeriesInterval, int> MaxDays = new()
    {
        [SeriesInterval.Day] = 400,
        [SeriesInterval.Week] = 5 * 366,
        [SeriesInterval.Month] = 20 * 366,
    };

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static (SeriesQuery? Query, ProblemHttpResult? Problem) Parse(string? measure, string? start, string? end, string? interval, TimeProvider clock)
    {
        var name = measure ?? "rates.membership";
        if (Measures.Find(name) is not { HasHistory: true } chosen)
            return (null, QueryProblems.UnknownMeasure("measure", name, Measures.WithHistory.Select(m => m.Name)));
        if (!Enum.TryParse<SeriesInterval>(interval ?? nameof(SeriesInterval.Day), ignoreCase: true, out var width) || !Enum.IsDefined(width))
            return (null, QueryProblems.Invalid("interval", $"'{interval}' is not an interval; use day, week or month.", ["day", "week", "month"]));
        var today = ChinaClock.Today(clock);
        var (to, toProblem) = ParseDay("to", end, today);
        if (toProblem is not null)
            return (null, toProblem);
        var (from, fromProblem) = ParseDay("from", start, to.AddYears(-1).AddDays(1));
        if (fromProblem is not null)
            return (null, fromProblem);
        if (from > to)
            return (null, QueryProblems.Invalid("from", $"from ({Aggregate.Day(from)}) is after to ({Aggregate.Day(to)}); swap them."));
        var query = new SeriesQuery(chosen, width, from, to, today);
        return query.Days > MaxDays[width]
            ? (null, QueryProblems.Invalid("from", $"The range is too large for interval={width.ToString().ToLowerInvariant()}: " +
                $"at most {MaxDays[width]} days; narrow it or use a wider interval."))
            : (query, null);
    }

    public IReadOnlyList<SeriesPoint> Points(IReadOnlyList<DailyTotals> history) => SeriesBuckets.Build(history, Measure, From, To, Today, Interval);

    private static (DateOnly Day, ProblemHttpResult? Problem) ParseDay(string parameter, string? value, DateOnly fallback) =>
        value is null ? (fallback, null)
        : !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (default, QueryProblems.Invalid(parameter, $"'{value}' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-01."))
        : !Years.Plausible(day.Year) ? (default, QueryProblems.Invalid(parameter, $"'{value}' is not {Years.Range}."))
        : (day, null);
}
