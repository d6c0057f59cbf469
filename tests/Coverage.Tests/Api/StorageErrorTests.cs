using System.Text.Json;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Coverage.Tests.Api;

public sealed class StorageErrorTests
{
    [Fact]
    public async Task AValueTheDatabaseRefusesIsTheRequestsFaultNotAnOutage()
    {
        await using var app = await CoverageApp.StartAsync();
        var refused = new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", "22021");

        var (status, retryAfter, detail) = await AnswerAsync(app, new StorageUnavailableException("The database refused the write.", refused));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Null(retryAfter);
        Assert.Contains("0x00", detail);
        Assert.Contains("Correct the value", detail);
    }

    [Fact]
    public async Task ALostConnectionIsStillAnOutageToRetry()
    {
        await using var app = await CoverageApp.StartAsync();
        var lost = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");

        var (status, retryAfter, _) = await AnswerAsync(app, lost);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.NotNull(retryAfter);
    }

    /// <summary>What the app's exception handlers answer for <paramref name="error"/>: status, Retry-After and detail.</summary>
    private static async Task<(int Status, string? RetryAfter, string Detail)> AnswerAsync(CoverageApp app, Exception error)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Response.Body = new MemoryStream();
        foreach (var handler in app.Service<IEnumerable<IExceptionHandler>>())
        {
            if (await handler.TryHandleAsync(context, error, CancellationToken.None))
                break;
        }
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        var retryAfter = context.Response.Headers.RetryAfter.Count == 0 ? null : context.Response.Headers.RetryAfter.ToString();
        return (context.Response.StatusCode, retryAfter, problem.RootElement.GetProperty("detail").GetString()!);
    }
}
