using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>What the audit log keeps of a deregistered grassroots union: who it was and its last own figures, if it had any.</summary>
public sealed record DeregisteredUnit(string Code, string Name, OrgKind Kind, string CountyCode, Figures? LastFigures);

/// <summary>How many grassroots unions a batch deregistered.</summary>
public sealed record UnitsDeregistered(int Deregistered);
