using System.Data.Common;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Storage;
using Coverage.Dashboard.Api;
using Coverage.Dashboard.Ingest;
using Microsoft.AspNetCore.Diagnostics;

namespace Coverage.Dashboard.Hosting;

/// <summary>
/// Storage trouble as answers a client can act on: 503 with Retry-After when the database is away, 409 on a conflicting write,
/// 400 for a value the database refuses; and 404 for an org deregistered between a request's checks and its write.
/// </summary>
public sealed class StorageExceptionHandler(IProblemDetailsService problems, StorageOutageLog outage, ILogger<StorageExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, isOutage) = exception switch
        {
            _ when RefusedValue(exception) is { } refused => (StatusCodes.Status400BadRequest, "Value refused by the database", new Message(
                $"The database could not use a value of this request ({refused.Message}); nothing was written. Correct the value: sent again unchanged, it fails again.",
                $"数据库无法使用本请求中的某个值（{refused.Message}），没有写入任何数据。请改正该值：原样重发仍会失败。"), false),
            StorageUnavailableException { InnerException: DatabaseClaimedException claimed } => (StatusCodes.Status503ServiceUnavailable,
                "Database claimed by another process", new Message($"{claimed.Message} Nothing was written.",
                    $"数据库已被另一个进程占用（{claimed.Message}），没有写入任何数据。"), true),
            StorageUnavailableException or DbException => (StatusCodes.Status503ServiceUnavailable, "Storage unavailable", new Message(
                "The database is not available; nothing was written. Retry after the time in Retry-After.",
                "数据库暂时不可用，没有写入任何数据。请按 Retry-After 所示时间后重试。"), true),
            GrainActivationException { InnerException: StorageUnavailableException or DbException } => (StatusCodes.Status503ServiceUnavailable,
                "Storage unavailable", new Message("The org's stored state could not be read; nothing was written. Retry after the time in Retry-After.",
                    "无法读取该组织的已存数据，没有写入任何数据。请按 Retry-After 所示时间后重试。"), true),
            GrainActivationException { InnerException: OrgNotFoundException } => (StatusCodes.Status404NotFound, Problems.DeregisteredTitle, new Message(
                "The org was deregistered while this request was under way; nothing was written.",
                "该组织在本请求处理期间已被注销，没有写入任何数据。"), false),
            GrainCallTimeoutException => (StatusCodes.Status503ServiceUnavailable, "Busy", new Message(
                "The request did not complete in time; it may or may not have been applied. Resending the same figures is safe.",
                "请求未能按时完成，可能已写入也可能未写入。原样重发相同的数据是安全的。"), false),
            InconsistentStateException or WriteConflictException => (StatusCodes.Status409Conflict, "Conflicting write", new Message(
                "The stored state changed under this server (another writer on the same database); the write was refused.",
                "已存数据被另一个写入方改动（同一数据库上有另一个写入进程），本次写入被拒绝。"), false),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", new Message(bad.Message, bad.Message), false),
            _ => (0, "", new Message("", ""), false),
        };
        if (status == 0)
            return false;
        // An outage fails requests by the thousand; the outage log tells of it once and counts them.
        if (isOutage)
            outage.Failed(exception);
        logger.Log(isOutage ? LogLevel.Debug : LogLevel.Warning, exception, "Request failed with {Status}", status);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail.In(Languages.Of(httpContext.Request)) },
        });
    }

    /// <summary>
    /// A data exception (SQLSTATE class 22, such as a NUL byte in text) is the request's fault, not an outage: waiting and
    /// retrying, as a 503 would advise, cannot help. Input checks should catch such values first; this keeps a missed one honest.
    /// </summary>
    private static DbException? RefusedValue(Exception exception) =>
        (exception as DbException ?? exception.InnerException as DbException) is { SqlState: ['2', '2', ..] } refused ? refused : null;
}
