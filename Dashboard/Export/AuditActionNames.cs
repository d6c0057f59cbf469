using Coverage.Silo.Audit;

namespace Coverage.Dashboard.Export;

/// <summary>Each audited write as 上报记录 names it, for exports read by people rather than scripts.</summary>
public static class AuditActionNames
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [AuditActions.FiguresPut] = "上报数据",
        [AuditActions.FiguresBatch] = "批量上报数据",
        [AuditActions.FiguresImport] = "表格导入数据",
        [AuditActions.UnitsPut] = "登记基层工会",
        [AuditActions.UnitsBatch] = "批量登记基层工会",
        [AuditActions.UnitsImport] = "表格导入基层工会",
        [AuditActions.UnitsDelete] = "注销基层工会",
        [AuditActions.UnitsBatchDelete] = "批量注销基层工会",
        [AuditActions.StationsPut] = "登记驿站",
        [AuditActions.StationsBatch] = "批量登记驿站",
        [AuditActions.StationsImport] = "表格导入驿站",
        [AuditActions.StationsUsage] = "上报驿站服务人次",
        [AuditActions.StationsDelete] = "注销驿站",
        [AuditActions.StationsBatchDelete] = "批量注销驿站",
        [AuditActions.UsageBatch] = "批量上报驿站服务人次",
        [AuditActions.UsageImport] = "表格导入驿站服务人次",
        [AuditActions.TargetsPut] = "设定年度目标",
        [AuditActions.TargetsBatch] = "批量设定年度目标",
        [AuditActions.TargetsImport] = "表格导入年度目标",
        [AuditActions.FederationsPut] = "登记工会组织",
        [AuditActions.FederationsDelete] = "注销工会组织",
        [AuditActions.KeysCreate] = "发放密钥",
        [AuditActions.KeysRevoke] = "吊销密钥",
    };

    /// <summary>The action's Chinese name; an action this build does not know keeps its own.</summary>
    public static string Of(string action) => Names.GetValueOrDefault(action, action);
}
