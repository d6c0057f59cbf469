namespace Coverage.Silo.Hierarchy;

/// <summary>
/// The one condition by which rows of a deregistered org stay gone: a write checked before the deregistration may commit
/// after it, and its statement then touches no row.
/// </summary>
public static class RetiredOrgs
{
    /// <summary>A WHERE clause that holds unless the org whose code is <paramref name="code"/> (a parameter or a column) was deregistered.</summary>
    public static string WhereNotRetired(string code) => $"WHERE NOT EXISTS (SELECT 1 FROM orgs WHERE orgs.code = {code} AND orgs.retired_at IS NOT NULL)";
}
