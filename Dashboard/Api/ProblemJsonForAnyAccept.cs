using System.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Coverage.Dashboard.Api;

/// <summary>
/// Problem details for a request whose Accept names neither JSON nor problem JSON, such as a CSV export's. The built-in
/// writer refuses those, which turned a missing key into a 500 and a wrong path into a bare status line; an error may
/// ignore Accept (RFC 9110, 12.5.1), and one the caller can read is worth more than the type it asked for.
/// </summary>
public sealed class ProblemJsonForAnyAccept(IOptions<ProblemDetailsOptions> problems, IOptions<JsonOptions> json) : IProblemDetailsWriter
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly MediaTypeHeaderValue ProblemJson = new("application/problem+json");

    /// <summary>Exactly the requests the built-in writer turns away, so every other one is answered as before.</summary>
    public bool CanWrite(ProblemDetailsContext context)
    {
        var accepted = context.HttpContext.Request.GetTypedHeaders().Accept;
        return accepted.Count > 0 && !accepted.Any(type => Json.IsSubsetOf(type) || ProblemJson.IsSubsetOf(type));
    }

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
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, typeInfo, "application/problem+json", http.RequestAborted));
    }
}
