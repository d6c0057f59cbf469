using System.Text.Json;

namespace Coverage.Dashboard.Ingest;

/// <summary>Strict reading of JSON fields that records every problem under the field's path instead of throwing.</summary>
public static class JsonInput
{
    /// <summary>Enough to show a mistyped number or date in an error.</summary>
    private const int MaxEchoedText = 40;

    /// <summary>Far deeper than any valid body; deeper documents are refused as malformed.</summary>
    private const int MaxDepth = 16;

    private static readonly Message BrokenName = new("has a field name that is not valid Unicode text (an escaped surrogate without its pair).",
        "有字段名不是有效的 Unicode 文本（转义的代理字符不成对）。");

    public static readonly Message Required = new("is required.", "必须填写。");

    public static readonly Message Repeated = new("appears more than once.", "出现了不止一次。");

    public static JsonDocument? Parse(byte[] body, ErrorBag errors)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException error)
        {
            errors.Add("$", new($"is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}, nesting at most {MaxDepth}).",
                $"不是有效的 JSON（第 {error.LineNumber + 1} 行第 {error.BytePositionInLine + 1} 个字节，嵌套最多 {MaxDepth} 层）。"));
            return null;
        }
    }

    public static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    /// <summary>Where an error about the object at <paramref name="path"/> is listed: "$" for the body itself.</summary>
    private static string At(string path) => path.Length == 0 ? "$" : path;

    /// <summary>
    /// Checks an object's fields against the allowed names: unknown and repeated fields are errors. Names are compared in
    /// place, so a valid body costs no strings. False when the object cannot be read further: not an object, or a field
    /// name whose escapes are not valid Unicode text, which would fail every later lookup by name.
    /// </summary>
    public static bool IsObjectWith(JsonElement json, string path, ErrorBag errors, IReadOnlyList<string> allowed)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors.Add(At(path), MustBe(new("an object", "对象"), json));
            return false;
        }
        Span<bool> seen = allowed.Count <= 64 ? stackalloc bool[allowed.Count] : new bool[allowed.Count];
        var readable = true;
        foreach (var property in json.EnumerateObject())
        {
            try
            {
                var index = IndexOf(property, allowed);
                if (index < 0)
                    errors.Add(Join(path, property.Name), new($"is not a known field; expected {string.Join(", ", allowed)}.",
                        $"不是可识别的字段；可用的字段为 {string.Join(", ", allowed)}。"));
                else if (seen[index])
                    errors.Add(Join(path, property.Name), Repeated);
                else
                    seen[index] = true;
            }
            catch (InvalidOperationException)
            {
                errors.Add(At(path), BrokenName);
                readable = false;
            }
        }
        return readable;
    }

    /// <summary>A field's name, or null with an error when its escapes are not valid Unicode text.</summary>
    public static string? NameOf(JsonProperty property, string path, ErrorBag errors)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            errors.Add(At(path), BrokenName);
            return null;
        }
    }

    private static int IndexOf(JsonProperty property, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (property.NameEquals(names[i]))
                return i;
        }
        return -1;
    }

    public static long? Count(JsonElement json, string field, string path, ErrorBag errors, long max)
    {
        var at = Join(path, field);
        if (!json.TryGetProperty(field, out var value))
        {
            errors.Add(at, Required);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(at, MustBe(new("a whole number", "整数"), value));
            return null;
        }
        if (!value.TryGetInt64(out var count) && !TryWhole(value, out count))
        {
            errors.Add(at, NotACount(value, max));
            return null;
        }
        if (count < 0)
        {
            errors.Add(at, Negative);
            return null;
        }
        if (count > max)
        {
            errors.Add(at, TooLarge(max));
            return null;
        }
        return count;
    }

    public static string? Text(JsonElement json, string field, string path, ErrorBag errors, int maxLength, bool required = true)
    {
        var at = Join(path, field);
        if (!json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
                errors.Add(at, Required);
            return null;
        }
        return Text(value, at, errors, maxLength);
    }

    /// <summary>A non-blank string without control characters or broken surrogates, trimmed.</summary>
    public static string? Text(JsonElement value, string at, ErrorBag errors, int maxLength)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(at, MustBe(new("a string", "文本"), value));
            return null;
        }
        string text;
        try
        {
            text = value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            errors.Add(at, new("is not valid Unicode text.", "不是有效的 Unicode 文本。"));
            return null;
        }
        if (text.Length == 0)
            errors.Add(at, new("must not be empty.", "不能为空。"));
        else if (text.Length > maxLength)
            errors.Add(at, new($"is longer than {maxLength} characters.", $"超过了 {maxLength} 个字符。"));
        else if (!IsCleanText(text))
            errors.Add(at, new("contains control characters or broken Unicode.", "含有控制字符或损坏的 Unicode 字符。"));
        else
            return text;
        return null;
    }

    public static bool IsCleanText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
                return false;
            if (char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i++))
                return false;
        }
        return true;
    }

    /// <summary>What was sent instead; text is quoted, so a CSV cell or a quoted number shows what made it wrong.</summary>
    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => Quoted(value),
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>"must be <paramref name="what"/>, not" what was sent instead.</summary>
    public static Message MustBe(Message what, JsonElement value) =>
        new($"must be {what.En}, not {Describe(value)}.", $"必须是{what.Zh}，而不是{DescribeZh(value)}。");

    private static string DescribeZh(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "对象",
        JsonValueKind.Array => "数组",
        JsonValueKind.String => Echoed(value) is { } text ? $"文本“{text}”" : "文本",
        JsonValueKind.Number => "数字",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        _ => "null",
    };

    private static string Quoted(JsonElement text) => Echoed(text) is { } value ? $"the text '{value}'" : "a text";

    /// <summary>Long text, and text with control characters or broken surrogates, is named rather than echoed.</summary>
    private static string? Echoed(JsonElement text)
    {
        try
        {
            var value = text.GetString()!;
            return value.Length <= MaxEchoedText && IsCleanText(value) ? value : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A whole number written with a fraction or an exponent, as spreadsheets export them (41000.0, 4.1e4).</summary>
    private static bool TryWhole(JsonElement value, out long count)
    {
        count = 0;
        if (!value.TryGetDecimal(out var number) || number != decimal.Truncate(number) || number < long.MinValue || number > long.MaxValue)
            return false;
        count = (long)number;
        return true;
    }

    /// <summary>Why a number is not a count: a fraction, or beyond any count on one side or the other.</summary>
    private static Message NotACount(JsonElement value, long max) =>
        value.TryGetDecimal(out var number) && number != decimal.Truncate(number) ? new("must be a whole number.", "必须是整数。")
        : value.GetRawText().StartsWith('-') ? Negative
        : TooLarge(max);

    private static readonly Message Negative = new("must not be negative.", "不能为负数。");

    private static Message TooLarge(long max) => new($"is too large; the most accepted is {max}.", $"过大，最大可接受 {max}。");
}
