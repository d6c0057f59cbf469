using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Analytics;

public sealed class SeriesBucketsTests
{
    private static readonly DateOnly Monday = new(2026, 11, 16);

    [Fact]
    public void VisitsOfABusyDayAreNotShownForTheQuietDaysAfterIt()
    {
        var visits = Aggregate.Sum([Aggregate.Of(Figure.Of(100)), Aggregate.OfStation(new Dictionary<string, long> { ["2026-11-16"] = 37 })]);
        var history = new[] { new DailyTotals(Monday, visits.ToTotals(Monday)) };
        var wednesday = Monday.AddDays(2);

        var today = SeriesBuckets.Build(history, Measures.Find("totals.stationVisits.today")!, Monday, wednesday, wednesday, SeriesInterval.Day);
        var members = SeriesBuckets.Build(history, Measures.Find("totals.members")!, Monday, wednesday, wednesday, SeriesInterval.Day);

        Assert.Equal([new SeriesPoint(Monday, 37)], today);
        Assert.Equal([100.0, 100.0, 100.0], members.Select(p => p.Value));
    }
}
