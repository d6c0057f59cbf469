using Coverage.Contracts;
using Coverage.Dashboard.Api;

namespace Coverage.Dashboard.Auth;

/// <summary>
/// Passes only when the route's org exists (404) and lies in the key's subtree (403); open reads skip the scope check.
/// With <paramref name="byParent"/>, the key must reach the org's parent: what a federation sets for its children.
/// </summary>
public sealed class OrgScopeFilter(string routeValue, bool forReads, bool byParent = false) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue(routeValue) is not string code)
            return await next(context);
        var directory = http.RequestServices.GetRequiredService<IOrgDirectory>();
        if (directory.Find(code) is not { } org)
            return Problems.UnknownOrg(code);
        var scoped = byParent && org.ParentCode is { } parent ? parent : code;
        var openReads = forReads && http.RequestServices.GetRequiredService<ReadAccess>().Open;
        if (!openReads && !http.User.Reaches(scoped, directory))
            return scoped == code ? Problems.OutOfScope(code, http.User) : Problems.SetByParent(code, scoped, http.User);
        return await next(context);
    }
}
