using System.Security.Claims;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>Problem details shared by several endpoints, each saying what the caller should fix.</summary>
public static class Problems
{
    public const string RetryAfterSeconds = "2";

    public static ProblemHttpResult UnknownOrg(string code) => TypedResults.Problem(
        $"No union organisation has code '{code}'. Codes are 6-digit division codes (national 000000) or registered unit codes.",
        statusCode: StatusCodes.Status404NotFound, title: "Unknown org");

    public static ProblemHttpResult OutOfScope(string code, ClaimsPrincipal user) => TypedResults.Problem(
        $"Org '{code}' is outside the scope of this API key, which reaches org '{user.OrgOf()}' and the orgs below it.",
        statusCode: StatusCodes.Status403Forbidden, title: "Outside the key's scope");

    public static ProblemHttpResult SetByParent(string code, string parent, ClaimsPrincipal user) => TypedResults.Problem(
        $"What org '{code}' is held to is set by its parent federation '{parent}'; this API key reaches org '{user.OrgOf()}' " +
        $"and the orgs below it. Use a writer key of '{parent}' or of an org above it.",
        statusCode: StatusCodes.Status403Forbidden, title: "Set by the parent federation");

    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"The request body is larger than the {limit / 1024} KB this endpoint accepts; split it into smaller requests.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");

    public static ProblemHttpResult UnsupportedMediaType(string expected) => TypedResults.Problem(
        $"Send the body as {expected}.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    public static ProblemHttpResult UnsupportedCharset(string given, string readable) => TypedResults.Problem(
        $"The body's charset '{given}' is not one this import reads; save the file in {readable} and name it in Content-Type, " +
        "e.g. text/csv; charset=gbk.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported charset");

    /// <summary>Unlike a single write that timed out, a batch that failed this way certainly wrote nothing.</summary>
    public static ProblemHttpResult BatchTimedOut(GrainCallTimeoutException timeout) => TypedResults.Problem(
        $"The batch was not applied: {timeout.Message} Nothing was written; send it again.",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");

    /// <summary>A 400 with every error keyed by the JSON path (or CSV row and column) it concerns.</summary>
    public static ValidationProblem Invalid(ErrorBag errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        "The request was not applied; fix the fields listed in 'errors' and send it again.", title: "Invalid request");

    /// <summary>A 400 for a read, with every error keyed by the query parameter it concerns.</summary>
    public static ValidationProblem InvalidQuery(ErrorBag errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        "Fix the query parameters listed in 'errors' and ask again.", title: "Invalid query");

    /// <summary>Errors that are not about the shape of the input (scope, staleness), with the status that fits them.</summary>
    public static ProblemHttpResult Rejected(ErrorBag errors, int status, string title, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary()) { Status = status, Title = title, Detail = detail });
}
