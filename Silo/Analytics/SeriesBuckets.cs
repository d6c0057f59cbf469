using Coverage.Contracts;

namespace Coverage.Silo.Analytics;

/// <summary>
/// Turns daily history into buckets: each bucket, dated by its first day, takes the last point on or before its last day
/// (a day without a change keeps the previous value). Buckets after today are left out. Visit windows are taken only from
/// a point on the bucket's last day: carried forward they would show an earlier day's visits as this day's.
/// </summary>
public static class SeriesBuckets
{
    public static IReadOnlyList<SeriesPoint> Build(IReadOnlyList<DailyTotals> history, Measure measure, DateOnly from, DateOnly to,
        DateOnly today, SeriesInterval interval)
    {
        var points = new List<SeriesPoint>();
        var last = Math.Min(to.DayNumber, today.DayNumber);
        var next = 0;
        DailyTotals? current = null;
        for (var start = FirstBucket(from, interval); start.DayNumber <= last; start = NextBucket(start, interval))
        {
            var end = Math.Min(NextBucket(start, interval).DayNumber - 1, last);
            while (next < history.Count && history[next].Day.DayNumber <= end)
                current = history[next++];
            if (current is not null && (!measure.CountsRecentDays || current.Day.DayNumber == end))
                points.Add(new SeriesPoint(start, measure.ValueOf(current.Totals)));
        }
        return points;
    }

    private static DateOnly FirstBucket(DateOnly from, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Week => from.AddDays(-(((int)from.DayOfWeek + 6) % 7)),
        SeriesInterval.Month => new DateOnly(from.Year, from.Month, 1),
        _ => from,
    };

    private static DateOnly NextBucket(DateOnly start, SeriesInterval interval) => interval switch
    {
        SeriesInterval.Week => start.AddDays(7),
        SeriesInterval.Month => start.AddMonths(1),
        _ => start.AddDays(1),
    };
}
