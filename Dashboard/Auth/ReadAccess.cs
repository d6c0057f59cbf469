using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Demo;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>
/// The one rule for reads, asked by the read policy, the org scope filter, the hub and /info: Auth:AllowAnonymousRead when
/// it is set, otherwise open only while the demo shows demo data, since real figures are not public.
/// </summary>
public sealed class ReadAccess(IOptionsMonitor<CoverageAuthOptions> options, DemoStatus demo, IOrgDirectory directory)
{
    public bool Open => options.CurrentValue.AllowAnonymousRead ?? demo.IsDemo;

    public bool MayRead(ClaimsPrincipal? user, string code) => Open || (user is not null && user.Reaches(code, directory));
}
