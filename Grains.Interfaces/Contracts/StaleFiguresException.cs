namespace Coverage.Contracts;

/// <summary>Figures were sent for a moment older than the figures already stored.</summary>
public sealed class StaleFiguresException(string code, DateTimeOffset storedAsOf, DateTimeOffset sentAsOf)
    : Exception($"Figures for {code} are stored as of {InChina(storedAsOf)}; these are as of {InChina(sentAsOf)}, which is earlier, so they were " +
        "not applied. Send figures as of that moment or later; the same asOf replaces the stored figures as a correction.")
{
    public DateTimeOffset StoredAsOf { get; } = storedAsOf;

    private static string InChina(DateTimeOffset moment) =>
        moment.ToOffset(ChinaClock.Offset).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
}
