namespace Coverage.Contracts;

public sealed record StationSummary(
    string Id,
    string OrgCode,
    string Name,
    double Lat,
    double Lon,
    bool Open24h,
    bool Smart,
    IReadOnlyList<string> Amenities,
    StationVisits Visits,
    long Version,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>The registration this station holds, as PUT /api/v1/stations/{stationId} takes it.</summary>
    public StationInfo Registration() => new(OrgCode, Name, Lat, Lon, Open24h, Smart, Amenities);
}
