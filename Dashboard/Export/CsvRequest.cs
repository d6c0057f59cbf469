namespace Coverage.Dashboard.Export;

/// <summary>A list is served as CSV when its path ends in .csv or the caller accepts text/csv.</summary>
public static class CsvRequest
{
    /// <summary>Path endings under which each exportable list is mapped.</summary>
    public static readonly string[] Suffixes = ["", ".csv"];

    public static bool Wants(HttpRequest request) =>
        request.Path.Value?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true ||
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvResult.MediaType, StringComparison.OrdinalIgnoreCase));
}
