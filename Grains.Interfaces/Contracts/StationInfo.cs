namespace Coverage.Contracts;

/// <summary>A service station's registration: which org runs it, where it is, and what it offers.</summary>
public sealed record StationInfo(
    string OrgCode,
    string Name,
    double Lat,
    double Lon,
    bool Open24h,
    bool Smart,
    IReadOnlyList<string> Amenities)
{
    /// <summary>The same registration: records compare lists by reference, so the amenities are compared item by item.</summary>
    public bool SameAs(StationInfo other) => this with { Amenities = other.Amenities } == other && Amenities.SequenceEqual(other.Amenities);
}
