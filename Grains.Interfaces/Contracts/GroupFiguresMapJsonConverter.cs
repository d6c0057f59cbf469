using System.Text.Json;

namespace Coverage.Contracts;

/// <summary>New-employment figures by group, in camelCase as every stored state: <c>{"courier": {"workers": 2100, "members": 1300}}</c>.</summary>
public sealed class GroupFiguresMapJsonConverter : CompactMapJsonConverter<GroupFigures>
{
    protected override GroupFigures ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Expected a group's workers and members, found {reader.TokenType}.");
        long workers = 0, members = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isWorkers = reader.ValueTextEquals("workers"u8);
            var isMembers = !isWorkers && reader.ValueTextEquals("members"u8);
            reader.Read();
            if (isWorkers)
                workers = reader.GetInt64();
            else if (isMembers)
                members = reader.GetInt64();
            else
                reader.Skip();
        }
        return new GroupFigures(workers, members);
    }

    protected override void WriteValue(Utf8JsonWriter writer, GroupFigures value)
    {
        writer.WriteStartObject();
        writer.WriteNumber("workers"u8, value.Workers);
        writer.WriteNumber("members"u8, value.Members);
        writer.WriteEndObject();
    }
}
