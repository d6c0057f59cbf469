namespace Coverage.Dashboard.Export;

/// <summary>Marks an endpoint whose 200 response can also be CSV, so the OpenAPI document lists text/csv next to JSON.</summary>
public sealed class CsvExportMetadata
{
    public static readonly CsvExportMetadata Instance = new();
}
