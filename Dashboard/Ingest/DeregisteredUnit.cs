using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// What the audit log keeps of a deregistered grassroots union: who it was, its last own figures if it had any, and the ids
/// of the keys revoked with it.
/// </summary>
public sealed record DeregisteredUnit(string Code, string Name, OrgKind Kind, string CountyCode, Figures? LastFigures, IReadOnlyList<string> RevokedKeys);

/// <summary>How many grassroots unions a batch deregistered.</summary>
public sealed record UnitsDeregistered(int Deregistered);
