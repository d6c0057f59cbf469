namespace Coverage.Silo.Keys;

/// <summary>
/// A key as admins see it in a list: who holds it, what it may do, since when, whether it was revoked, and when it was
/// last used (to the minute; null if never); never its secret.
/// </summary>
public sealed record KeyListing(string Id, string OrgCode, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
