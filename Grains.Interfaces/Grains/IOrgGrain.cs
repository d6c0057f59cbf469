using Coverage.Contracts;
using Coverage.Runtime;

namespace Coverage.Grains;

/// <summary>One union organisation, keyed by its code: its own figures and the latest totals of each child.</summary>
public interface IOrgGrain : IGrainWithStringKey
{
    /// <summary>The name its own figures are stored under.</summary>
    const string StateName = "org";

    /// <summary>The name its children's and stations' reported totals are stored under.</summary>
    const string PartsStateName = "org-parts";

    Task<OrgSummary> GetSummary();

    /// <summary>Replaces the org's own figures; throws <see cref="StaleFiguresException"/> when asOf goes backwards.</summary>
    Task<OrgSummary> SetFigures(Figures figures);

    Task ReportChild(ChildTotals report);

    Task ReportStation(StationTotals report);

    /// <summary>Forgets deregistered children, so their totals leave this org's.</summary>
    Task RemoveChildren(string[] codes);

    Task<OrgRollup> GetRollup();
}
