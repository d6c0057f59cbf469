using System.Security.Claims;
using Coverage.Contracts;

namespace Coverage.Dashboard.Realtime;

/// <summary>Anyone may read when anonymous reads are on; otherwise only orgs within the caller's key scope.</summary>
public sealed class ConfiguredReadScope(AccessSettings settings, IOrgDirectory directory) : IReadScope
{
    public const string OrgClaim = "coverage:org";

    public bool MayRead(ClaimsPrincipal? user, string code) =>
        settings.AllowAnonymousRead || (user?.FindFirst(OrgClaim)?.Value is { } org && directory.IsWithin(code, org));
}
