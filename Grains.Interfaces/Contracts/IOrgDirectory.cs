namespace Coverage.Contracts;

/// <summary>
/// The union tree: who each org is and who its children are. Grassroots unions and federations that are not divisions join
/// it, and leave it, at run time.
/// </summary>
public interface IOrgDirectory
{
    OrgInfo? Find(string code);

    IReadOnlyList<OrgInfo> ChildrenOf(string code);

    IEnumerable<OrgInfo> All { get; }

    /// <summary>
    /// True when <paramref name="code"/> is <paramref name="ancestor"/> itself or lies below it, or lay below it until it was
    /// deregistered: what was written for it stays its federations' to read.
    /// </summary>
    bool IsWithin(string code, string ancestor);

    /// <summary>The codes of the orgs (grassroots unions, federations) deregistered from under <paramref name="code"/>.</summary>
    IReadOnlyList<string> DeregisteredChildrenOf(string code);

    /// <summary>An org deregistered from the tree, still holding its code for its parent.</summary>
    OrgInfo? FindDeregistered(string code);
}
