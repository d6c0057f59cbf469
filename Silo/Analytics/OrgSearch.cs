using Coverage.Contracts;

namespace Coverage.Silo.Analytics;

/// <summary>Finds orgs by code prefix or name substring over the whole directory, grassroots units included.</summary>
public sealed class OrgSearch(IOrgDirectory directory)
{
    public Page<OrgInfo> Find(string? query, OrgLevel? level, int limit, int offset)
    {
        var q = query?.Trim() ?? "";
        var matches = directory.All
            .Where(o => level is null || o.Level == level)
            .Select(o => (Org: o, Rank: Rank(o, q)))
            .Where(m => m.Rank >= 0)
            .OrderBy(m => m.Rank).ThenBy(m => m.Org.Level).ThenBy(m => m.Org.Code, StringComparer.Ordinal)
            .Select(m => m.Org)
            .ToList();
        return new Page<OrgInfo>(matches.Skip(offset).Take(limit).ToList(), matches.Count);
    }

    /// <summary>Better matches rank lower: exact code, code prefix, name prefix, name substring; -1 is no match.</summary>
    private static int Rank(OrgInfo org, string q)
    {
        if (q.Length == 0 || org.Code == q)
            return 0;
        if (org.Code.StartsWith(q, StringComparison.OrdinalIgnoreCase))
            return 1;
        if (org.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase))
            return 2;
        return org.Name.Contains(q, StringComparison.OrdinalIgnoreCase) ? 3 : -1;
    }
}
