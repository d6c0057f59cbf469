using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coverage.Dashboard.Ingest;

/// <summary>A sheet's cell as the JSON value the API's readers judge, so a sheet's numbers are checked exactly as JSON's are.</summary>
public static partial class SheetCell
{
    /// <summary>
    /// A JSON number when the cell reads as one. Digits grouped in threes by commas, as a spreadsheet shows large numbers,
    /// read as the number; any other comma does not, and the cell stays a string for the reader to refuse.
    /// </summary>
    public static JsonNode Number(string cell)
    {
        var plain = GroupedDigits().IsMatch(cell) ? cell.Replace(",", "", StringComparison.Ordinal) : cell;
        return long.TryParse(plain, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) ? JsonValue.Create(whole)
            : decimal.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
            : JsonValue.Create(cell);
    }

    [GeneratedRegex(@"^[+-]?[0-9]{1,3}(,[0-9]{3})+$")]
    private static partial Regex GroupedDigits();
}
