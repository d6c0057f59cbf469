namespace Coverage.Dashboard.Api;

/// <summary>
/// The years a date, a range end or a target year may name: none of this service's data is older, and keeping far from
/// the calendar's ends keeps the arithmetic on ranges and buckets from overflowing.
/// </summary>
public static class Years
{
    public const int First = 2000;
    public const int Last = 2100;

    public static readonly string Range = $"between the years {First} and {Last}";

    public static bool Plausible(int year) => year is >= First and <= Last;
}
