using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Export;
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

    public static Message NoSuchOrg(string code) => new($"No union organisation has code '{code}'.", $"没有代码为“{code}”的工会组织。");

    public static Message OrgOutside(string code, ClaimsPrincipal user) => new(
        $"Org '{code}' is outside the scope of this API key (org '{user.OrgOf()}' and below).",
        $"组织“{code}”不在此密钥的范围内（组织“{user.OrgOf()}”及其下级）。");

    public static Message StationsBelongToACounty(string code, OrgLevel level) => new(
        $"'{code}' is a {level.ToString().ToLowerInvariant()}; stations belong to a county.",
        $"“{code}”是{CsvTables.LevelName(level)}组织；驿站属于县级工会。");

    /// <summary>A 400 with every error keyed by the JSON path (or CSV row and column) it concerns, in the request's language.</summary>
    public static ValidationProblem Invalid(ErrorBag errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        new Message("The request was not applied; fix the fields listed in 'errors' and send it again.", "请求未被接受；请改正 errors 中所列各项后重新发送。")
            .In(errors.Language), title: "Invalid request");

    /// <summary>A 400 for a read, with every error keyed by the query parameter it concerns.</summary>
    public static ValidationProblem InvalidQuery(ErrorBag errors) => TypedResults.ValidationProblem(errors.ToDictionary(),
        new Message("Fix the query parameters listed in 'errors' and ask again.", "请改正 errors 中所列的查询参数后重新查询。").In(errors.Language),
        title: "Invalid query");

    /// <summary>
    /// A batch refused whole for what it names: a 403 when items outside the key's scope are its only fault, a 404 (as for a
    /// single write) when unknown orgs or stations are. With other faults as well, they join those in the 400 that lists
    /// them all, so a sheet is mended in one go; null then, and when nothing was refused.
    /// </summary>
    public static ProblemHttpResult? BatchRefused(IReadOnlyList<(string Path, Message Message)> outside, Message outsideDetail, int unknown,
        ErrorBag errors, string unknownTitle, Message unknownDetail)
    {
        if (outside.Count > 0 && !errors.Any)
        {
            var refused = errors.Sibling();
            foreach (var (path, message) in outside)
                refused.Add(path, message);
            return Rejected(refused, StatusCodes.Status403Forbidden, "Outside the key's scope", NotApplied(outsideDetail));
        }
        foreach (var (path, message) in outside)
            errors.Add(path, message);
        return unknown > 0 && unknown == errors.Count ? Rejected(errors, StatusCodes.Status404NotFound, unknownTitle, NotApplied(unknownDetail)) : null;
    }

    private static Message NotApplied(Message why) => new($"The batch was not applied: {why.En}", $"本批未导入：{why.Zh}");

    /// <summary>Errors that are not about the shape of the input (scope, staleness), with the status that fits them.</summary>
    public static ProblemHttpResult Rejected(ErrorBag errors, int status, string title, Message detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary()) { Status = status, Title = title, Detail = detail.In(errors.Language) });
}
