using Coverage.Contracts;

namespace Coverage.Grains;

public sealed class StationState
{
    public StationInfo? Info { get; set; }

    /// <summary>Visits per day (yyyy-MM-dd, China Standard Time), kept for the longest window shown.</summary>
    public Dictionary<string, long> DailyVisits { get; set; } = [];

    public long Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }
}
