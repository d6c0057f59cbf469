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

    /// <summary>No org has the code; one deregistered is named, with where its records are kept.</summary>
    public static ProblemHttpResult UnknownOrg(string code, IOrgDirectory directory, Language language) => directory.FindDeregistered(code) is { } gone
        ? Problem(StatusCodes.Status404NotFound, DeregisteredTitle, new(
            $"'{code}' ({gone.Name}) was deregistered. What was written for it stays in the audit log of '{gone.ParentCode}', which a " +
            $"writer or admin key of it or above reads: /api/v1/audit?orgCode={gone.ParentCode}.",
            $"“{code}”（{gone.Name}）已注销，其历史记录保留在“{gone.ParentCode}”的审计记录中，可用该组织或其上级的填报或管理密钥查看：" +
            $"/api/v1/audit?orgCode={gone.ParentCode}。"), language)
        : Problem(StatusCodes.Status404NotFound, "Unknown org", new(
            $"No union organisation has code '{code}'. Codes are 6-digit division codes (national 000000) or registered unit codes.",
            $"没有代码为“{code}”的工会组织。代码为 6 位行政区划代码（全国为 000000）或已登记的基层工会代码。"), language);

    /// <summary>An org deregistered, and registered again, while its write was under way: the write was dropped with the old org.</summary>
    public static ProblemHttpResult DeregisteredMeanwhile(Language language) => Problem(StatusCodes.Status409Conflict, "Deregistered meanwhile", new(
        "An org named in this request was deregistered while the request was under way, and registered again since, so nothing was written. Send it again.",
        "处理请求期间，请求中的某个组织被注销后又重新登记，因此未写入任何内容。请重新提交。"), language);

    /// <summary>A write for one org dropped because the org was deregistered after it was checked.</summary>
    public static ProblemHttpResult WriteDropped(string code, IOrgDirectory directory, Language language) =>
        directory.Find(code) is null ? UnknownOrg(code, directory, language) : DeregisteredMeanwhile(language);

    /// <summary>The title of a 404 for a deregistered org, which the dashboard tells apart from a code that never was.</summary>
    public const string DeregisteredTitle = "Deregistered org";

    public static ProblemHttpResult OutOfScope(string code, ClaimsPrincipal user, Language language) => Problem(StatusCodes.Status403Forbidden,
        "Outside the key's scope", new(
            $"Org '{code}' is outside the scope of this API key, which reaches org '{user.OrgOf()}' and the orgs below it.",
            $"组织“{code}”不在此密钥的范围内；此密钥只能用于组织“{user.OrgOf()}”及其下级。"), language);

    public static ProblemHttpResult SetByParent(string code, string parent, ClaimsPrincipal user, Language language) => Problem(
        StatusCodes.Status403Forbidden, "Set by the parent federation", TargetsSetByParent(code, parent, user), language);

    public static Message TargetsSetByParent(string code, string parent, ClaimsPrincipal user) => new(
        $"The targets of org '{code}' are set by its parent federation '{parent}'; this API key reaches org '{user.OrgOf()}' " +
        $"and the orgs below it. Use a writer key of '{parent}' or of an org above it.",
        $"组织“{code}”的目标由其上级工会“{parent}”设定；此密钥只能用于组织“{user.OrgOf()}”及其下级。请使用“{parent}”或其上级组织的写入密钥。");

    public static ProblemHttpResult TooLarge(long limit, Language language) => Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", new(
        $"The request body is larger than the {limit / 1024} KB this endpoint accepts; split it into smaller requests.",
        $"请求内容超过此接口可接受的 {limit / 1024} KB；请拆分成几次较小的请求。"), language);

    public static ProblemHttpResult UnsupportedMediaType(string expected, Language language) => Problem(StatusCodes.Status415UnsupportedMediaType,
        "Unsupported media type", new($"Send the body as {expected}.", $"请以 {expected} 格式发送请求内容。"), language);

    public static ProblemHttpResult UnsupportedCharset(string given, string readable, Language language) => Problem(
        StatusCodes.Status415UnsupportedMediaType, "Unsupported charset", new(
            $"The body's charset '{given}' is not one this import reads; save the file in {readable} and name it in Content-Type, e.g. text/csv; charset=gbk.",
            $"不能读取字符集为“{given}”的内容；请将文件存为 {readable}，并在 Content-Type 中注明，如 text/csv; charset=gbk。"), language);

    /// <summary>Unlike a single write that timed out, a batch that failed this way certainly wrote nothing.</summary>
    public static ProblemHttpResult BatchTimedOut(GrainCallTimeoutException timeout, Language language) => Problem(
        StatusCodes.Status503ServiceUnavailable, "Busy", new($"The batch was not applied: {timeout.Message} Nothing was written; send it again.",
            "服务器繁忙，本批未能按时完成，没有写入任何数据；请重新发送。"), language);

    /// <summary>A problem whose detail is said in the request's language; titles stay English, as stable names of the kinds of problem.</summary>
    public static ProblemHttpResult Problem(int status, string title, Message detail, Language language) =>
        TypedResults.Problem(detail.In(language), statusCode: status, title: title);

    public static Message NoSuchOrg(string code) => new($"No union organisation has code '{code}'.", $"没有代码为“{code}”的工会组织。");

    public static Message OrgOutside(string code, ClaimsPrincipal user) => new(
        $"Org '{code}' is outside the scope of this API key (org '{user.OrgOf()}' and below).",
        $"组织“{code}”不在此密钥的范围内（组织“{user.OrgOf()}”及其下级）。");

    public static Message StationsBelongToACounty(string code, OrgLevel level) => new(
        $"'{code}' is a {level.ToString().ToLowerInvariant()}; stations belong to a county.",
        $"“{code}”是{CsvTables.LevelName(level)}组织；驿站属于县级工会。");

    public static ProblemHttpResult CodeTaken(string title, string code, OrgInfo holder, IOrgDirectory directory, Language language)
    {
        var taken = TakenBy(code, holder, directory);
        return Problem(StatusCodes.Status409Conflict, title, new($"{taken.En}; choose another code.", $"{taken.Zh}；请另选代码。"), language);
    }

    /// <summary>Who holds a code; a holder no longer in the tree was deregistered, and its code stays its parent's.</summary>
    public static Message TakenBy(string code, OrgInfo holder, IOrgDirectory directory)
    {
        var (level, under, underZh) = (holder.Level.ToString().ToLowerInvariant(), holder.ParentCode is { } p ? $" under {p}" : "",
            holder.ParentCode is { } parent ? $"，上级 {parent}" : "");
        return directory.Find(code) is null
            ? new($"Code '{code}' belonged to {holder.Name} ({level}{under}), deregistered; its code stays with {holder.ParentCode}, which may register it again",
                $"代码“{code}”属于已注销的{holder.Name}（{CsvTables.LevelName(holder.Level)}{underZh}），仍归 {holder.ParentCode} 所有，只有它可重新登记")
            : new($"Code '{code}' already belongs to {holder.Name} ({level}{under})",
                $"代码“{code}”已属于{holder.Name}（{CsvTables.LevelName(holder.Level)}{underZh}）");
    }

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
