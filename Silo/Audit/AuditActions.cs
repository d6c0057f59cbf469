namespace Coverage.Silo.Audit;

/// <summary>The names of the audited writes, one per kind of write the API accepts.</summary>
public static class AuditActions
{
    public const string FiguresPut = "figures.put";
    public const string FiguresBatch = "figures.batch";
    public const string FiguresImport = "figures.import";
    public const string UnitsPut = "units.put";
    public const string UnitsBatch = "units.batch";
    public const string UnitsImport = "units.import";
    public const string UnitsDelete = "units.delete";
    public const string UnitsBatchDelete = "units.batchDelete";
    public const string StationsPut = "stations.put";
    public const string StationsBatch = "stations.batch";
    public const string StationsImport = "stations.import";
    public const string StationsUsage = "stations.usage";
    public const string StationsDelete = "stations.delete";
    public const string StationsBatchDelete = "stations.batchDelete";
    public const string UsageBatch = "usage.batch";
    public const string UsageImport = "usage.import";
    public const string TargetsPut = "targets.put";
    public const string TargetsBatch = "targets.batch";
    public const string TargetsImport = "targets.import";
    public const string FederationsPut = "federations.put";
    public const string FederationsDelete = "federations.delete";
    public const string KeysCreate = "keys.create";
    public const string KeysRevoke = "keys.revoke";

    public static readonly IReadOnlyList<string> All =
        [FiguresPut, FiguresBatch, FiguresImport, UnitsPut, UnitsBatch, UnitsImport, UnitsDelete, UnitsBatchDelete, StationsPut, StationsBatch, StationsImport, StationsUsage, StationsDelete, StationsBatchDelete, UsageBatch, UsageImport, TargetsPut, TargetsBatch, TargetsImport, FederationsPut,
        FederationsDelete, KeysCreate, KeysRevoke];
}
