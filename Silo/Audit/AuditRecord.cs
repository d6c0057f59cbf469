namespace Coverage.Silo.Audit;

/// <summary>One accepted write to append: who (key and the key's org), what org it touched, the action and its payload JSON.</summary>
public sealed record AuditRecord(string KeyId, string KeyOrgCode, string OrgCode, string Action, string PayloadJson);
