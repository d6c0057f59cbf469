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
    DateTimeOffset? UpdatedAt);
