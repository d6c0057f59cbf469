namespace Coverage.Dashboard.Api;

/// <summary>
/// Details for the statuses routing answers by itself, before any endpoint runs: a path nothing serves (404) and a
/// method its route does not take (405). Without them the caller gets only the status's name.
/// </summary>
public static class UnroutedProblems
{
    /// <summary>Long enough for any real path; a longer one is cut, so a hostile URL is not echoed whole.</summary>
    private const int MaxEchoedPath = 200;

    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        if (problem.Detail is not null)
            return;
        var path = Echo(http.Request.Path.Value);
        problem.Detail = problem.Status switch
        {
            StatusCodes.Status404NotFound when http.GetEndpoint() is null =>
                $"Nothing answers {http.Request.Method} {path}. The API's routes are listed in /openapi/v1.json; "
                + "an org's code goes in the path, as in /api/v1/orgs/450000/children.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{path} does not take {http.Request.Method}; it takes {http.Response.Headers.Allow}.",
            _ => null,
        };
    }

    private static string Echo(string? path) =>
        path is null ? "/" : path.Length <= MaxEchoedPath ? path : string.Concat(path.AsSpan(0, MaxEchoedPath), "…");
}
