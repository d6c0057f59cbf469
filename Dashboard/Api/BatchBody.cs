using System.Text.Json;
using Coverage.Dashboard.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>
/// How every batch and import endpoint reads its body: refused before reading when too large (or, for a sheet, not CSV in
/// a charset it reads), then read into items whose faults go into an error bag in the request's language, and both
/// handed to what checks and applies them.
/// </summary>
public static class BatchBody
{
    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> FromJsonAsync<TItem, T>(HttpRequest request,
        Func<JsonElement, ErrorBag, IReadOnlyList<TItem>> read, Func<IReadOnlyList<TItem>, ErrorBag, Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>>> apply,
        CancellationToken cancellationToken)
    {
        var language = Languages.Of(request);
        if (await RequestBody.ReadAsync(request, FigureEndpoints.BatchLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.BatchLimit, language);
        var errors = new ErrorBag(language);
        using var json = JsonInput.Parse(body, errors);
        return await apply(json is null ? [] : read(json.RootElement, errors), errors);
    }

    public static async Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> FromCsvAsync<TItem, T>(HttpRequest request,
        Func<byte[], CsvCharset, ErrorBag, IReadOnlyList<TItem>> read, Func<IReadOnlyList<TItem>, ErrorBag, Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>>> apply,
        CancellationToken cancellationToken)
    {
        if (!CsvContentType.TryRead(request, out var charset, out var unsupported))
            return unsupported;
        var language = Languages.Of(request);
        if (await RequestBody.ReadAsync(request, FigureEndpoints.BatchLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.BatchLimit, language);
        var errors = new ErrorBag(language);
        return await apply(read(body, charset, errors), errors);
    }
}
