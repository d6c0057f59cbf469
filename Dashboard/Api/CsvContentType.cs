using System.Diagnostics.CodeAnalysis;
using Coverage.Dashboard.Ingest;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Coverage.Dashboard.Api;

/// <summary>What an import's Content-Type must say: text/csv, in a charset the import reads (UTF-8 when it names none).</summary>
public static class CsvContentType
{
    /// <summary>The body's charset, or false with the 415 that tells the caller what to send instead.</summary>
    public static bool TryRead(HttpRequest request, [NotNullWhen(true)] out CsvCharset? charset, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        (charset, problem) = (null, null);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            problem = Problems.UnsupportedMediaType("text/csv", Languages.Of(request));
        else if (CsvCharset.Named(type.Charset.Value) is { } named)
            charset = named;
        else
            problem = Problems.UnsupportedCharset(type.Charset.Value!, CsvCharset.Readable, Languages.Of(request));
        return charset is not null;
    }
}
