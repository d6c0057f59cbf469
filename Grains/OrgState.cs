using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>What an org keeps: its own figures and the latest reported totals of each child and each of its stations.</summary>
public sealed class OrgState
{
    public Figures? Own { get; set; }

    public Dictionary<string, ChildTotals> Children { get; set; } = [];

    public Dictionary<string, StationTotals> Stations { get; set; } = [];

    /// <summary>Counts changes of the totals; parents use it to ignore stale or repeated reports.</summary>
    public long Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonIgnore]
    public Aggregate OwnAggregate => Aggregate.Of(Own);

    /// <summary>Own figures plus every child's totals plus every station: the roll-up rule in one place.</summary>
    public Aggregate TotalsAt(DateOnly today) => Aggregate.Sum(
            Children.Values.Select(c => c.Totals)
                .Concat(Stations.Values.Where(s => s.Totals is not null).Select(s => s.Totals!))
                .Prepend(OwnAggregate))
        .TrimmedTo(today);
}
