namespace Coverage.Contracts;

/// <summary>Figures were sent for a moment older than the figures already stored.</summary>
public sealed class StaleFiguresException(string code, DateTimeOffset storedAsOf, DateTimeOffset sentAsOf)
    : Exception($"Figures for {code} are stored as of {storedAsOf:O}; figures as of {sentAsOf:O} are older and were not applied.")
{
    public DateTimeOffset StoredAsOf { get; } = storedAsOf;
}
