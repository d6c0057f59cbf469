using Coverage.Contracts;
using Coverage.Runtime;

namespace Coverage.Grains;

/// <summary>One service station, keyed by its id: where it is and its visits per day.</summary>
public interface IStationGrain : IGrainWithStringKey
{
    /// <summary>The name its state is stored under.</summary>
    const string StateName = "station";

    /// <summary>Null when the station was never registered.</summary>
    Task<StationSummary?> GetSummary();

    Task<StationSummary> Register(StationInfo info);

    /// <summary>The visits of each day reported and still kept, oldest first; empty for a station never registered.</summary>
    Task<IReadOnlyList<DailyUsage>> GetUsage();

    /// <summary>Throws <see cref="StationNotRegisteredException"/> for an unknown station.</summary>
    Task<StationSummary> ReportUsage(IReadOnlyList<DailyUsage> usage);

    /// <summary>
    /// Closes the station: it is no longer registered, its visits leave its org's totals and are forgotten, so registered
    /// again it starts afresh. Throws <see cref="StationNotRegisteredException"/> for an unknown station.
    /// </summary>
    Task Close();
}
