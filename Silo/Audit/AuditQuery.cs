namespace Coverage.Silo.Audit;

/// <summary>
/// Which entries to read: those after the cursor, oldest first, or with <see cref="NewestFirst"/> those before it, newest
/// first; optionally only those of some orgs, one key's, one action's, or those recorded from <see cref="From"/> to
/// <see cref="To"/>, both inclusive.
/// </summary>
public sealed record AuditQuery(long Cursor, int Limit, IReadOnlyCollection<string>? OrgCodes = null, string? KeyId = null, string? Action = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, bool NewestFirst = false);
