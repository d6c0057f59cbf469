using System.Text;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// The text encodings a CSV import is read in: UTF-8 unless its Content-Type names a charset, and GB18030 for gbk, gb2312
/// and gb18030 (it contains both), as Excel in a Chinese locale saves a sheet as "CSV (逗号分隔)" in GBK.
/// </summary>
public sealed class CsvCharset
{
    public const string Readable = "utf-8, gbk, gb2312 or gb18030";

    public static readonly CsvCharset Utf8 = new("UTF-8", new UTF8Encoding(false, throwOnInvalidBytes: true), new(
        " Excel saves a sheet as \"CSV (逗号分隔)\" in GBK: send such a file with Content-Type: text/csv; charset=gbk, " +
        "or save it as \"CSV UTF-8 (逗号分隔)\".",
        "Excel 的“CSV (逗号分隔)”以 GBK 保存：发送这样的文件请用 Content-Type: text/csv; charset=gbk，或另存为“CSV UTF-8 (逗号分隔)”。"));

    private static readonly CsvCharset Gb18030 = new("GB18030",
        CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!,
        new($" Name the charset the file was saved in ({Readable}).", $"请注明文件保存时所用的字符集（{Readable}）。"));

    private static readonly byte[] Utf8Mark = [0xEF, 0xBB, 0xBF];

    private readonly Encoding _encoding;
    private readonly Message _advice;

    private CsvCharset(string name, Encoding encoding, Message advice) => (Name, _encoding, _advice) = (name, encoding, advice);

    public string Name { get; }

    /// <summary>The charset a Content-Type's charset parameter names, or null for one the import does not read.</summary>
    public static CsvCharset? Named(string? charset) => charset?.Trim().Trim('"').ToLowerInvariant() switch
    {
        null or "" or "utf-8" or "utf8" or "us-ascii" => Utf8,
        "gbk" or "gb2312" or "gb18030" or "cp936" => Gb18030,
        _ => null,
    };

    /// <summary>
    /// The body as text, or null with an error naming the line of the first byte the charset does not allow. A UTF-8
    /// byte-order mark wins over the charset named, as in browsers, so a UTF-8 file labelled gbk is not misread.
    /// </summary>
    public string? Decode(byte[] body, ErrorBag errors)
    {
        var charset = body.AsSpan().StartsWith(Utf8Mark) ? Utf8 : this;
        try
        {
            return charset._encoding.GetString(body);
        }
        catch (DecoderFallbackException bad)
        {
            var line = body.AsSpan(0, Math.Clamp(bad.Index, 0, body.Length)).Count((byte)'\n') + 1;
            errors.Add("$", new($"is not {charset.Name} text: line {line} has bytes that {charset.Name} does not allow.{charset._advice.En}",
                $"不是 {charset.Name} 文本：第 {line} 行有 {charset.Name} 不允许的字节。{charset._advice.Zh}"));
            return null;
        }
    }
}
