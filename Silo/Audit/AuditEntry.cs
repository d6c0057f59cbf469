using System.Text.Json;

namespace Coverage.Silo.Audit;

/// <summary>A stored audit entry; ids grow with time, so they serve as the paging cursor.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string KeyId, string KeyOrgCode, string OrgCode, string Action, JsonElement Payload);
