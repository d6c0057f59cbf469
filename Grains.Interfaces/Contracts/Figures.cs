namespace Coverage.Contracts;

/// <summary>An org's own figures as of a moment: a snapshot, never a delta.</summary>
public sealed record Figures(
    DateTimeOffset AsOf,
    long Employees,
    long Members,
    long VerifiedMembers,
    long UnitsRequired,
    long UnitsUnionized,
    IReadOnlyDictionary<string, GroupFigures> NewEmployment)
{
    /// <summary>Same figures, ignoring the moment they were reported for.</summary>
    public bool SameCountsAs(Figures other) =>
        Employees == other.Employees && Members == other.Members && VerifiedMembers == other.VerifiedMembers &&
        UnitsRequired == other.UnitsRequired && UnitsUnionized == other.UnitsUnionized &&
        NewEmployment.Count == other.NewEmployment.Count &&
        NewEmployment.All(g => other.NewEmployment.TryGetValue(g.Key, out var o) && o == g.Value);
}
