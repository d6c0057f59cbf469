using Coverage.Contracts;

namespace Coverage.Dashboard.Realtime;

/// <summary>One send to a connection: the watched orgs whose place in the tree changed, then the summaries that changed.</summary>
public sealed record LiveBatch(string[] TreeChanged, OrgSummary[] Summaries);
