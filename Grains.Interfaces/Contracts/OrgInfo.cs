namespace Coverage.Contracts;

/// <summary>An org's place in the tree. The root has no parent.</summary>
public sealed record OrgInfo(string Code, string Name, OrgLevel Level, OrgKind Kind, string? ParentCode);
