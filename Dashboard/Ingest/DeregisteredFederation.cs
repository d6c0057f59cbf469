using Coverage.Contracts;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// What the audit log keeps of a deregistered federation: who it was, its last own figures if it had any, and the ids of the
/// keys revoked with it.
/// </summary>
public sealed record DeregisteredFederation(string Code, string Name, OrgLevel Level, OrgKind Kind, string ParentCode, Figures? LastFigures,
    IReadOnlyList<string> RevokedKeys);
