namespace Coverage.Contracts;

/// <summary>The parts an org's totals are summed from, exposed so the tree's consistency can be checked.</summary>
public sealed record OrgRollup(
    string Code,
    Aggregate Own,
    IReadOnlyDictionary<string, ChildTotals> Children,
    IReadOnlyDictionary<string, StationTotals> Stations,
    Aggregate Totals,
    long Version);
