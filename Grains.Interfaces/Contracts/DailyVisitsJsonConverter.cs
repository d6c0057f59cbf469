using System.Text.Json;

namespace Coverage.Contracts;

/// <summary>Station visits by day: <c>{"2026-11-20": 37}</c>.</summary>
public sealed class DailyVisitsJsonConverter : CompactMapJsonConverter<long>
{
    protected override long ReadValue(ref Utf8JsonReader reader) => reader.GetInt64();

    protected override void WriteValue(Utf8JsonWriter writer, long value) => writer.WriteNumberValue(value);
}
