using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>What an org is: an administrative division, a development zone, an industry union, or a grassroots union of some form.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<OrgKind>))]
public enum OrgKind
{
    Division,
    Zone,
    Industry,
    Enterprise,
    Joint,
    Sector,
}
