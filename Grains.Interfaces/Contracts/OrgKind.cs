namespace Coverage.Contracts;

/// <summary>What an org is: an administrative division, a development zone, or a grassroots union of some form.</summary>
public enum OrgKind
{
    Division,
    Zone,
    Enterprise,
    Joint,
    Sector,
}
