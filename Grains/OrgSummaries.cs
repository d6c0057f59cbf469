using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>
/// An org's summary from its state: the grain answers with it, and readers build it from storage for an org that is not
/// awake, so both give the same answer.
/// </summary>
public static class OrgSummaries
{
    public static OrgSummary Of(OrgInfo info, OrgState state, Aggregate totals, DateOnly today)
    {
        var summed = totals.ToTotals(today);
        return new OrgSummary(info.Code, info.Name, info.Level, info.Kind, info.ParentCode, state.Own, summed, Rates.Of(summed),
            state.Version, state.UpdatedAt);
    }

    /// <summary>The summary of an org as stored, with its totals summed the way its grain sums them on activation.</summary>
    public static OrgSummary Stored(OrgInfo info, OrgState state, OrgParts parts, DateOnly today) =>
        Of(info, state, StoredTotals(state, parts, today), today);

    /// <summary>The totals of an org as stored, summed the way its grain sums them on activation.</summary>
    public static Aggregate StoredTotals(OrgState state, OrgParts parts, DateOnly today) => RunningTotals.Of(state, parts).ToAggregate(today);
}
