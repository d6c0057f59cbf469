using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>What an org writes on every accepted write: its own figures and the count of its totals' changes.</summary>
public sealed class OrgState
{
    public Figures? Own { get; set; }

    /// <summary>Counts changes of the totals; parents use it to ignore stale or repeated reports.</summary>
    public long Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonIgnore]
    public Aggregate OwnAggregate => Aggregate.Of(Own);
}
