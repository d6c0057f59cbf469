using Coverage.Silo.Audit;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// Counties whose figures or stations someone wrote through the API, or that were registered through it, as the audit log
/// records them. The demo leaves such a county, its figures and its stations, to the API from then on, so what a union sends
/// stays as it sent it.
/// </summary>
public sealed class ApiWrittenCounties(AuditLog audit)
{
    private static readonly string[] HandingOver =
        [AuditActions.FiguresPut, AuditActions.FiguresBatch, AuditActions.FiguresImport, AuditActions.StationsPut, AuditActions.StationsUsage,
         AuditActions.StationsDelete, AuditActions.StationsBatchDelete, AuditActions.FederationsPut];

    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);
    private long _lastSeen;

    public bool Contains(string code) => _codes.Contains(code);

    /// <summary>Takes in the entries appended since the last look; reads only those, by id.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var (codes, lastId) = await audit.OrgsAfterAsync(_lastSeen, HandingOver, cancellationToken);
        _codes.UnionWith(codes);
        _lastSeen = lastId;
    }
}
