namespace Coverage.Silo.Keys;

/// <summary>A revoked key as its holder may learn of it: which key, whose, and since when.</summary>
public sealed record RevokedKey(string Id, string OrgCode, DateTimeOffset RevokedAt);
