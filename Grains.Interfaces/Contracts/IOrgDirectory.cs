namespace Coverage.Contracts;

/// <summary>The union tree: who each org is and who its children are. Grassroots unions join it at run time.</summary>
public interface IOrgDirectory
{
    OrgInfo? Find(string code);

    IReadOnlyList<OrgInfo> ChildrenOf(string code);

    IEnumerable<OrgInfo> All { get; }

    /// <summary>True when <paramref name="code"/> is <paramref name="ancestor"/> itself or lies below it.</summary>
    bool IsWithin(string code, string ancestor);
}
