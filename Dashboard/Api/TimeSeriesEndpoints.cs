using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Silo.History;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coverage.Dashboard.Api;

public static class TimeSeriesEndpoints
{
    /// <summary>Children × days one request for children's series reads at most: the 31 provinces over 8 years, 100 children over 1,000 days.</summary>
    private const int MaxChildDays = 100_000;

    /// <summary>Daily history of any measure of an org, or of each of its children, bucketed by day, week or month in China Standard Time.</summary>
    public static RouteGroupBuilder MapTimeSeries(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Time series");
        foreach (var suffix in CsvRequest.Suffixes)
        {
            group.MapGet($"/{{code}}/timeseries{suffix}", TimeSeriesAsync)
                .WithSummary("One measure of an org over time")
                .WithDescription("Example: GET /api/v1/orgs/450000/timeseries?measure=rates.membership&from=2026-01-01&to=2026-11-22&interval=month → " +
                    "{\"code\":\"450000\",\"measure\":\"rates.membership\",\"interval\":\"month\",\"points\":[{\"date\":\"2026-11-01\",\"value\":0.61}]}. " +
                    "Each bucket is dated by its first day (weeks start Monday) and takes the last value on or before its last day; " +
                    "days are China Standard Time and today's point is live. Defaults: measure rates.membership, interval day, " +
                    "to today, from one year before. Ranges: day ≤ 400 days, week ≤ 5 years, month ≤ 20 years. CSV: timeseries.csv.");
            group.MapGet($"/{{code}}/children/timeseries{suffix}", ChildrenTimeSeriesAsync)
                .WithSummary("One measure of each of an org's direct children over time")
                .WithDescription("Example: GET /api/v1/orgs/450100/children/timeseries?measure=totals.members&interval=month → " +
                    "{\"code\":\"450100\",\"measure\":\"totals.members\",\"interval\":\"month\",\"total\":12,\"children\":[{\"code\":\"450102\"," +
                    "\"name\":\"兴宁区\",\"points\":[{\"date\":\"2026-11-01\",\"value\":41000}]}]}: the children in code order, each bucketed as " +
                    $"timeseries buckets one org. limit (default {Paging.DefaultLimit}) and offset page the children; children × days may not exceed " +
                    $"{MaxChildDays:N0}. CSV (children/timeseries.csv): a row per bucket, 日期 then a column per child.");
        }
        return group;
    }

    private static async Task<Results<Ok<TimeSeries>, CsvResult, ProblemHttpResult>> TimeSeriesAsync(string code, string? measure,
        [FromQuery(Name = "from")] string? start, [FromQuery(Name = "to")] string? end, string? interval, HttpRequest request,
        OrgHistory history, TimeProvider clock)
    {
        var (query, problem) = SeriesQuery.Parse(measure, start, end, interval, clock);
        if (query is null)
            return problem!;
        var series = new TimeSeries(code, query.Measure.Name, query.Interval, query.Points(await history.ReadAsync(code, query.From, query.To)));
        return CsvRequest.Wants(request)
            ? CsvTables.Series($"{code}-{query.Measure.Name}-{IntervalName(query)}.csv", series, query.Measure)
            : TypedResults.Ok(series);
    }

    private static async Task<Results<Ok<ChildrenTimeSeries>, CsvResult, ProblemHttpResult>> ChildrenTimeSeriesAsync(string code, string? measure,
        [FromQuery(Name = "from")] string? start, [FromQuery(Name = "to")] string? end, string? interval, string? limit, string? offset,
        HttpRequest request, IOrgDirectory directory, OrgHistory history, TimeProvider clock)
    {
        var (query, problem) = SeriesQuery.Parse(measure, start, end, interval, clock);
        if (query is null)
            return problem!;
        var (paging, pagingProblem) = Paging.Parse(limit, offset, wholeListByDefault: false);
        if (pagingProblem is not null)
            return pagingProblem;
        var children = directory.ChildrenOf(code).OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        var page = paging.Apply(children).ToList();
        if ((long)page.Count * query.Days > MaxChildDays)
            return QueryProblems.Invalid(limit is null ? "from" : "limit", $"{page.Count} children over {query.Days} days is more than {MaxChildDays:N0} " +
                $"child-days; narrow the range (from, to) or ask for at most {Math.Max(1, MaxChildDays / query.Days)} children at a time (limit, offset).");
        var histories = await history.ReadManyAsync([.. page.Select(c => c.Code)], query.From, query.To);
        var series = new ChildrenTimeSeries(code, query.Measure.Name, query.Interval, children.Count,
            [.. page.Select(c => new ChildSeries(c.Code, c.Name, query.Points(histories[c.Code])))]);
        return CsvRequest.Wants(request)
            ? CsvTables.ChildrenSeries($"{code}-children-{query.Measure.Name}-{IntervalName(query)}.csv", series)
            : TypedResults.Ok(series);
    }

    private static string IntervalName(SeriesQuery query) => query.Interval.ToString().ToLowerInvariant();
}
