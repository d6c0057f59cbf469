using System.Text.RegularExpressions;

namespace Coverage.Dashboard.Ingest;

/// <summary>The shape of codes clients choose (grassroots unit codes, station ids): short, printable ASCII, safe in URLs and logs.</summary>
public static partial class Codes
{
    public const string Rule = "1 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static readonly Message Invalid = new($"must be {Rule}.", "必须是 1 至 64 个字符：字母、数字、“.”、“_”或“-”，以字母或数字开头。");

    /// <summary>Anchored with \z: "$" would also match before a final line break, letting "X1\n" pass as "X1".</summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex Pattern();

    public static bool IsValid(string code) => Pattern().IsMatch(code);
}
