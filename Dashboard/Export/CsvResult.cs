using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace Coverage.Dashboard.Export;

/// <summary>
/// A table written as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read the Chinese headers),
/// row by row to the response body, so a large export never sits in memory as one string; rows may be read as they are
/// written, a page at a time.
/// </summary>
public sealed class CsvResult(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string?>> rows)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/csv";

    private const int RowsPerFlush = 500;

    public CsvResult(string fileName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
        : this(fileName, header, rows.ToAsyncEnumerable())
    {
    }

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => $"{MediaType}; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 16 * 1024, leaveOpen: true);
        await writer.WriteAsync('\uFEFF');
        await writer.WriteAsync(Line(header));
        var written = 0;
        await foreach (var row in rows.WithCancellation(httpContext.RequestAborted))
        {
            await writer.WriteAsync(Line(row));
            if (++written % RowsPerFlush == 0)
                await writer.FlushAsync(httpContext.RequestAborted);
        }
        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => builder.Metadata.Add(CsvExportMetadata.Instance);

    private static string Line(IReadOnlyList<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    private static string Field(string? value)
    {
        if (value is null)
            return "";
        var text = RunsAsFormula(value) ? "'" + value : value;
        return text.IndexOfAny(['"', ',', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"")}\"" : text;
    }

    /// <summary>
    /// Text that a spreadsheet would run as a formula (names are free text a county writer chooses) gets a leading
    /// apostrophe, so it opens as text; numbers, negative ones included, stay numbers.
    /// </summary>
    private static bool RunsAsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' &&
        !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
