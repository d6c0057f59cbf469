using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>What an org is: an administrative division, a development zone, or a grassroots union of some form.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<OrgKind>))]
public enum OrgKind
{
    Division,
    Zone,
    Enterprise,
    Joint,
    Sector,
}
