using Coverage.Contracts;
using Coverage.Dashboard.Api;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>Passes only when the route's org exists (404) and lies in the key's subtree (403); open reads skip the scope check.</summary>
public sealed class OrgScopeFilter(string routeValue, bool forReads) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue(routeValue) is not string code)
            return await next(context);
        var directory = http.RequestServices.GetRequiredService<IOrgDirectory>();
        if (directory.Find(code) is null)
            return Problems.UnknownOrg(code);
        var openReads = forReads && http.RequestServices.GetRequiredService<IOptionsMonitor<CoverageAuthOptions>>().CurrentValue.AllowAnonymousRead;
        if (!openReads && !http.User.Reaches(code, directory))
            return Problems.OutOfScope(code, http.User);
        return await next(context);
    }
}
