using Coverage.Contracts;

namespace Coverage.Silo.Rollup;

/// <summary>An org whose totals are not its own figures plus its children's and stations' totals.</summary>
public sealed record Inconsistency(string Code, string Name, Aggregate Totals, Aggregate Expected, IReadOnlyList<string> Problems);

public sealed record ConsistencyReport(int OrgsChecked, IReadOnlyList<Inconsistency> Inconsistencies)
{
    public bool Consistent => Inconsistencies.Count == 0;
}
