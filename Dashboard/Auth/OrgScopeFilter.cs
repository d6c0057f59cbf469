using Coverage.Contracts;
using Coverage.Dashboard.Api;
using Coverage.Dashboard.Ingest;

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
        var language = Languages.Of(http.Request);
        if (directory.Find(code) is not { } org)
            return Problems.UnknownOrg(code, directory, language);
        var scoped = byParent && org.ParentCode is { } parent ? parent : code;
        var openReads = forReads && http.RequestServices.GetRequiredService<ReadAccess>().Open;
        if (!openReads && !http.User.Reaches(scoped, directory))
            return scoped == code ? Problems.OutOfScope(code, http.User, language) : Problems.SetByParent(code, scoped, http.User, language);
        return await next(context);
    }
}
