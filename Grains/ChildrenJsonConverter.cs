using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Coverage.Contracts;

namespace Coverage.Grains;

/// <summary>
/// Reads an org's children keyed by each child's own code string, as live reports key them, instead of a second copy of
/// it: a county with every grassroots union's totals in memory would otherwise hold each code twice.
/// </summary>
public sealed class ChildrenJsonConverter : JsonConverter<Dictionary<string, ChildTotals>>
{
    public override Dictionary<string, ChildTotals> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Expected an object of children's totals by code, found {reader.TokenType}.");
        var totals = (JsonTypeInfo<ChildTotals>)options.GetTypeInfo(typeof(ChildTotals));
        var children = new Dictionary<string, ChildTotals>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var code = reader.GetString()!;
            reader.Read();
            var child = JsonSerializer.Deserialize(ref reader, totals)!;
            children[child.Code == code ? child.Code : code] = child;
        }
        return children;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, ChildTotals> value, JsonSerializerOptions options)
    {
        var totals = (JsonTypeInfo<ChildTotals>)options.GetTypeInfo(typeof(ChildTotals));
        writer.WriteStartObject();
        foreach (var (code, child) in value)
        {
            writer.WritePropertyName(code);
            JsonSerializer.Serialize(writer, child, totals);
        }
        writer.WriteEndObject();
    }
}
