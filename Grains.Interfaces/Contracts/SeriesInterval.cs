using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>Bucket width of a time series; weeks start on Monday, months on the 1st (China Standard Time).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<SeriesInterval>))]
public enum SeriesInterval
{
    Day,
    Week,
    Month,
}
