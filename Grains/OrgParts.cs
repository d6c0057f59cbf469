using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>
/// The latest totals each child and each station of an org reported. Stored apart from the org's own figures because it
/// grows with the org (a county has hundreds of grassroots unions and dozens of stations) and is written behind, while
/// own figures are written on every accepted write.
/// </summary>
public sealed class OrgParts
{
    [JsonConverter(typeof(ChildrenJsonConverter))]
    public Dictionary<string, ChildTotals> Children { get; set; } = [];

    public Dictionary<string, StationTotals> Stations { get; set; } = [];

    /// <summary>Own figures plus every child's totals plus every station: the roll-up rule in one place.</summary>
    public Aggregate TotalsWith(Aggregate own, DateOnly today) => Aggregate.Sum(
            Children.Values.Select(c => c.Totals)
                .Concat(Stations.Values.Where(s => s.Totals is not null).Select(s => s.Totals!))
                .Prepend(own))
        .TrimmedTo(today);
}
