using Coverage.Contracts;

namespace Coverage.Silo.Analytics;

/// <summary>Orders summaries by a measure; orgs without a value (no denominator, no target) come last either way.</summary>
public static class Ranking
{
    public static IReadOnlyList<OrgSummary> Sort(IEnumerable<OrgSummary> summaries, Measure measure, bool descending)
    {
        var valued = summaries.Select(s => (Summary: s, Value: measure.ValueOf(s))).ToList();
        var withValue = valued.Where(v => v.Value is not null);
        var ordered = descending
            ? withValue.OrderByDescending(v => v.Value).ThenBy(v => v.Summary.Code, StringComparer.Ordinal)
            : withValue.OrderBy(v => v.Value).ThenBy(v => v.Summary.Code, StringComparer.Ordinal);
        return ordered.Concat(valued.Where(v => v.Value is null).OrderBy(v => v.Summary.Code, StringComparer.Ordinal))
            .Select(v => v.Summary)
            .ToList();
    }
}
