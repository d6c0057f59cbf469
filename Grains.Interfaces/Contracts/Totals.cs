namespace Coverage.Contracts;

/// <summary>An org's own figures plus everything below it, as shown to readers.</summary>
public sealed record Totals(
    long Employees,
    long Members,
    long VerifiedMembers,
    long UnitsRequired,
    long UnitsUnionized,
    IReadOnlyDictionary<string, GroupFigures> NewEmployment,
    long Stations,
    StationVisits StationVisits);
