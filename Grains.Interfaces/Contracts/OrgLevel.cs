using System.Text.Json.Serialization;

namespace Coverage.Contracts;

[JsonConverter(typeof(CamelCaseEnumConverter<OrgLevel>))]
public enum OrgLevel
{
    National,
    Province,
    City,
    County,
    Grassroots,
}
