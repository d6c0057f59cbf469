using System.Globalization;
using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Silo.Analytics;
using Coverage.Silo.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coverage.Dashboard.Api;

public static class TimeSeriesEndpoints
{
    /// <summary>Longest range per interval, so one request reads a bounded number of history rows.</summary>
    private static readonly Dictionary<SeriesInterval, int> MaxDays = new()
    {
        [SeriesInterval.Day] = 400,
        [SeriesInterval.Week] = 5 * 366,
        [SeriesInterval.Month] = 20 * 366,
    };

    /// <summary>Daily history of any measure of an org, bucketed by day, week or month in China Standard Time.</summary>
    public static RouteGroupBuilder MapTimeSeries(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Time series");
        foreach (var suffix in CsvRequest.Suffixes)
            group.MapGet($"/{{code}}/timeseries{suffix}", TimeSeriesAsync)
                .WithSummary("One measure of an org over time")
                .WithDescription("Example: GET /api/v1/orgs/450000/timeseries?measure=rates.membership&from=2026-01-01&to=2026-11-22&interval=month → " +
                    "{\"code\":\"450000\",\"measure\":\"rates.membership\",\"interval\":\"month\",\"points\":[{\"date\":\"2026-11-01\",\"value\":0.61}]}. " +
                    "Each bucket is dated by its first day (weeks start Monday) and takes the last value on or before its last day; " +
                    "days are China Standard Time and today's point is live. Defaults: measure rates.membership, interval day, " +
                    "to today, from one year before. Ranges: day ≤ 400 days, week ≤ 5 years, month ≤ 20 years. CSV: timeseries.csv.");
        return group;
    }

    private static async Task<Results<Ok<TimeSeries>, CsvResult, ProblemHttpResult>> TimeSeriesAsync(string code, string? measure,
        [FromQuery(Name = "from")] string? start, [FromQuery(Name = "to")] string? end, string? interval, HttpRequest request,
        OrgHistory history, TimeProvider clock)
    {
        var name = measure ?? "rates.membership";
        if (Measures.Find(name) is not { HasHistory: true } chosen)
            return QueryProblems.UnknownMeasure("measure", name, Measures.WithHistory.Select(m => m.Name));
        if (!Enum.TryParse<SeriesInterval>(interval ?? nameof(SeriesInterval.Day), ignoreCase: true, out var width) || !Enum.IsDefined(width))
            return QueryProblems.Invalid("interval", $"'{interval}' is not an interval; use day, week or month.", ["day", "week", "month"]);
        var today = ChinaClock.Today(clock);
        var (to, toProblem) = ParseDay("to", end, today);
        if (toProblem is not null)
            return toProblem;
        var (from, fromProblem) = ParseDay("from", start, to.AddYears(-1).AddDays(1));
        if (fromProblem is not null)
            return fromProblem;
        if (from > to)
            return QueryProblems.Invalid("from", $"from ({Aggregate.Day(from)}) is after to ({Aggregate.Day(to)}); swap them.");
        if (to.DayNumber - from.DayNumber + 1 > MaxDays[width])
            return QueryProblems.Invalid("from", $"The range is too large for interval={width.ToString().ToLowerInvariant()}: " +
                $"at most {MaxDays[width]} days; narrow it or use a wider interval.");
        var points = SeriesBuckets.Build(await history.ReadAsync(code, from, to), chosen, from, to, today, width);
        var series = new TimeSeries(code, chosen.Name, width, points);
        return CsvRequest.Wants(request)
            ? CsvTables.Series($"{code}-{chosen.Name}-{width.ToString().ToLowerInvariant()}.csv", series, chosen)
            : TypedResults.Ok(series);
    }

    private static (DateOnly Day, ProblemHttpResult? Problem) ParseDay(string parameter, string? value, DateOnly fallback) =>
        value is null ? (fallback, null)
        : !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? (default, QueryProblems.Invalid(parameter, $"'{value}' is not a date; write it as yyyy-MM-dd, e.g. 2026-11-01."))
        : !Years.Plausible(day.Year) ? (default, QueryProblems.Invalid(parameter, $"'{value}' is not {Years.Range}."))
        : (day, null);
}
