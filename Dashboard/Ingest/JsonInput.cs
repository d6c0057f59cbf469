using System.Text.Json;

namespace Coverage.Dashboard.Ingest;

/// <summary>Strict reading of JSON fields that records every problem under the field's path instead of throwing.</summary>
public static class JsonInput
{
    /// <summary>Enough to show a mistyped number or date in an error.</summary>
    private const int MaxEchoedText = 40;

    /// <summary>Far deeper than any valid body; deeper documents are refused as malformed.</summary>
    private const int MaxDepth = 16;

    private const string BrokenName = "has a field name that is not valid Unicode text (an escaped surrogate without its pair).";

    public static JsonDocument? Parse(byte[] body, ErrorBag errors)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException error)
        {
            errors.Add("$", $"is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}, nesting at most {MaxDepth}).");
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
            errors.Add(At(path), $"must be an object, not {Describe(json)}.");
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
                    errors.Add(Join(path, property.Name), $"is not a known field; expected {string.Join(", ", allowed)}.");
                else if (seen[index])
                    errors.Add(Join(path, property.Name), "appears more than once.");
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
            errors.Add(at, "is required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(at, $"must be a whole number, not {Describe(value)}.");
            return null;
        }
        if (!value.TryGetInt64(out var count) && !TryWhole(value, out count))
        {
            errors.Add(at, NotACount(value, max));
            return null;
        }
        if (count < 0)
        {
            errors.Add(at, "must not be negative.");
            return null;
        }
        if (count > max)
        {
            errors.Add(at, $"is too large; the most accepted is {max}.");
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
                errors.Add(at, "is required.");
            return null;
        }
        return Text(value, at, errors, maxLength);
    }

    /// <summary>A non-blank string without control characters or broken surrogates, trimmed.</summary>
    public static string? Text(JsonElement value, string at, ErrorBag errors, int maxLength)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(at, $"must be a string, not {Describe(value)}.");
            return null;
        }
        string text;
        try
        {
            text = value.GetString()!.Trim();
        }
        catch (InvalidOperationException)
        {
            errors.Add(at, "is not valid Unicode text.");
            return null;
        }
        if (text.Length == 0)
            errors.Add(at, "must not be empty.");
        else if (text.Length > maxLength)
            errors.Add(at, $"is longer than {maxLength} characters.");
        else if (!IsCleanText(text))
            errors.Add(at, "contains control characters or broken Unicode.");
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
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => Quoted(value),
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Long text, and text with control characters or broken surrogates, is named rather than echoed.</summary>
    private static string Quoted(JsonElement text)
    {
        try
        {
            var value = text.GetString()!;
            return value.Length <= MaxEchoedText && IsCleanText(value) ? $"the text '{value}'" : "a text";
        }
        catch (InvalidOperationException)
        {
            return "a text";
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
    private static string NotACount(JsonElement value, long max) =>
        value.TryGetDecimal(out var number) && number != decimal.Truncate(number) ? "must be a whole number."
        : value.GetRawText().StartsWith('-') ? "must not be negative."
        : $"is too large; the most accepted is {max}.";
}
