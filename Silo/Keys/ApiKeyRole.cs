using System.Text.Json.Serialization;
using Coverage.Contracts;

namespace Coverage.Silo.Keys;

/// <summary>What a key may do; each role includes the ones before it.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<ApiKeyRole>))]
public enum ApiKeyRole
{
    Reader,
    Writer,
    Admin,
}
