namespace Coverage.Contracts;

/// <summary>A service station's registration: which org runs it, where it is, and what it offers.</summary>
public sealed record StationInfo(
    string OrgCode,
    string Name,
    double Lat,
    double Lon,
    bool Open24h,
    bool Smart,
    IReadOnlyList<string> Amenities);
