using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>The subtree a key's read of keys or audit covers: the org asked for, or the key's own; unknown (404) or out of reach (403) otherwise.</summary>
public static class SubtreeScope
{
    public static (string Scope, ProblemHttpResult? Problem) Resolve(string? orgCode, ClaimsPrincipal user, IOrgDirectory directory, Language language)
    {
        var scope = string.IsNullOrEmpty(orgCode) ? user.OrgOf()! : orgCode;
        if (directory.Find(scope) is null)
            return (scope, Problems.UnknownOrg(scope, directory, language));
        return user.Reaches(scope, directory) ? (scope, null) : (scope, Problems.OutOfScope(scope, user, language));
    }
}
