using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coverage.Contracts;

/// <summary>
/// Reads an aggregate's groups or days as a <see cref="CompactMap{TValue}"/> with shared keys and writes them as a plain
/// JSON object. Values are read and written here, not through the serializer, since a county's parts hold millions.
/// </summary>
public abstract class CompactMapJsonConverter<TValue> : JsonConverter<IReadOnlyDictionary<string, TValue>>
{
    public override IReadOnlyDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Expected an object of {typeof(TValue).Name} by key, found {reader.TokenType}.");
        List<KeyValuePair<string, TValue>>? entries = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            (entries ??= new(4)).Add(new(key, ReadValue(ref reader)));
        }
        return entries is null ? CompactMap<TValue>.Empty : CompactMap<TValue>.Of(entries);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, TValue> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in value)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, item);
        }
        writer.WriteEndObject();
    }

    protected abstract TValue ReadValue(ref Utf8JsonReader reader);

    protected abstract void WriteValue(Utf8JsonWriter writer, TValue value);
}
