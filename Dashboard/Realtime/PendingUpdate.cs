using Coverage.Contracts;

namespace Coverage.Dashboard.Realtime;

/// <summary>What leaves for one watched org's watchers: the summaries waiting, and whether its place in the tree changed.</summary>
public sealed record PendingUpdate(string Code, OrgSummary[] Summaries, bool TreeChanged, Subscriber[] Watchers);
