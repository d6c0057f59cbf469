using System.Security.Claims;
using Coverage.Contracts;

namespace Coverage.Dashboard.Auth;

/// <summary>The claims an API key carries, and what they let a caller reach.</summary>
public static class CoverageClaims
{
    public const string KeyId = "coverage:key";
    public const string Org = "coverage:org";

    public static string? KeyIdOf(this ClaimsPrincipal user) => user.FindFirstValue(KeyId);

    public static string? OrgOf(this ClaimsPrincipal user) => user.FindFirstValue(Org);

    /// <summary>True when the caller's key belongs to <paramref name="code"/> or an org above it.</summary>
    public static bool Reaches(this ClaimsPrincipal user, string code, IOrgDirectory directory) =>
        user.OrgOf() is { } org && directory.IsWithin(code, org);
}
