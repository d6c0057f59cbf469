namespace Coverage.Contracts;

/// <summary>Bucket width of a time series; weeks start on Monday, months on the 1st (China Standard Time).</summary>
public enum SeriesInterval
{
    Day,
    Week,
    Month,
}
