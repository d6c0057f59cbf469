using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Silo.Analytics;

/// <summary>How a measure's value reads: a count, a ratio (0.5 = 50 %), or a plain number such as visits per station.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<MeasureUnit>))]
public enum MeasureUnit
{
    Count,
    Ratio,
    Number,
}
