using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Api;

/// <summary>
/// Writes every problem as problem JSON, whatever the request's Accept, in one write with its length. The built-in writer
/// refused an Accept naming neither JSON nor problem JSON, such as a CSV export's, which turned a missing key into a 500 and
/// a wrong path into a bare status line; an error may ignore Accept (RFC 9110, 12.5.1). It also sent the body in chunks.
/// </summary>
public sealed class ProblemJsonWriter(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        // Creating the result fills in the type link and title for the status from ASP.NET's own table, as the JSON writer does.
        _ = TypedResults.Problem(problem);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        problems.Value.CustomizeProblemDetails?.Invoke(context);
        var body = JsonSerializer.SerializeToUtf8Bytes(problem, json.Value.SerializerOptions.GetTypeInfo(problem.GetType()));
        http.Response.ContentType = "application/problem+json";
        http.Response.ContentLength = body.Length;
        return http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
