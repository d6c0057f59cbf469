using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>
/// Writes an enum as its camelCase name. Set on the enum rather than in the serializer options, so the options keep
/// no converters and source-generated serialization can take its fast path.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
