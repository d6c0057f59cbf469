namespace Coverage.Dashboard.Api;

public sealed class RankingOptions
{
    /// <summary>
    /// The most orgs one ranking reads. Each org ranked is read from its grain, so ranking every grassroots union of the
    /// country (2.8 million) would wake them all at once; a province's or a city's are well within it.
    /// </summary>
    public int MaxOrgs { get; set; } = 100_000;
}
