using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Realtime;

/// <summary>The API's read rule for the hub: anyone when anonymous reads are on, otherwise only orgs within the key's scope.</summary>
public sealed class ConfiguredReadScope(IOptionsMonitor<CoverageAuthOptions> options, IOrgDirectory directory) : IReadScope
{
    public bool MayRead(ClaimsPrincipal? user, string code) =>
        options.CurrentValue.AllowAnonymousRead || (user is not null && user.Reaches(code, directory));
}
