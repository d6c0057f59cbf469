using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>
/// The subtree a key's read of keys or audit covers: the org asked for, or the key's own; unknown (404) or out of reach (403)
/// otherwise. Its codes, when few enough, let the database narrow the read.
/// </summary>
public static class SubtreeScope
{
    /// <summary>Enough for a county's or a city's subtree; a larger one is filtered as it is read instead.</summary>
    private const int MaxFilteredOrgs = 1000;

    public static (string Scope, ProblemHttpResult? Problem) Resolve(string? orgCode, ClaimsPrincipal user, IOrgDirectory directory, Language language)
    {
        var scope = string.IsNullOrEmpty(orgCode) ? user.OrgOf()! : orgCode;
        if (directory.Find(scope) is null)
            return (scope, Problems.UnknownOrg(scope, directory, language));
        return user.Reaches(scope, directory) ? (scope, null) : (scope, Problems.OutOfScope(scope, user, language));
    }

    /// <summary>
    /// The codes of the org and all below it, deregistered orgs included, for the database to filter by; null when they are
    /// too many to send.
    /// </summary>
    public static List<string>? CodesOf(string scope, IOrgDirectory directory)
    {
        var codes = new List<string> { scope };
        for (var i = 0; i < codes.Count; i++)
        {
            codes.AddRange(directory.ChildrenOf(codes[i]).Select(child => child.Code));
            codes.AddRange(directory.DeregisteredChildrenOf(codes[i]));
            if (codes.Count > MaxFilteredOrgs)
                return null;
        }
        return codes;
    }
}
