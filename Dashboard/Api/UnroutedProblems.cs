namespace Coverage.Dashboard.Api;

/// <summary>
/// Details for the statuses routing answers by itself, before any endpoint runs: a path nothing serves (404), a method
/// its route does not take (405) and a body type it does not take (415). Without them the caller gets only the status's name.
/// </summary>
public static class UnroutedProblems
{
    /// <summary>Long enough for any real path or media type; longer ones are cut, so hostile input is not echoed whole.</summary>
    private const int MaxEchoedText = 200;

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
            StatusCodes.Status415UnsupportedMediaType =>
                $"{http.Request.Method} {path} does not take a body of type '{Echo(http.Request.ContentType)}'; "
                + "/openapi/v1.json gives the type each route takes.",
            _ => null,
        };
    }

    private static string Echo(string? text) =>
        text is null ? "" : text.Length <= MaxEchoedText ? text : string.Concat(text.AsSpan(0, MaxEchoedText), "…");
}
