namespace Coverage.Tests.Infrastructure;

/// <summary>A span as an OTLP trace export carries it: ids in lower-case hex, and the spans it links to.</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string Name, IReadOnlyList<(string TraceId, string SpanId)> Links)
{
    /// <summary>
    /// Reads the spans of an ExportTraceServiceRequest with just enough of the protobuf wire format: resource spans (1),
    /// scope spans (2), spans (2); in a span trace_id (1), span_id (2), name (5) and links (13) of trace_id (1) and span_id (2).
    /// </summary>
    public static IEnumerable<OtlpSpan> ReadExport(byte[] export)
    {
        foreach (var resourceSpans in Fields(export, 1))
            foreach (var scopeSpans in Fields(resourceSpans, 2))
                foreach (var span in Fields(scopeSpans, 2))
                    yield return Read(span);
    }

    private static OtlpSpan Read(byte[] span) => new(
        Hex(Fields(span, 1).Single()),
        Hex(Fields(span, 2).Single()),
        System.Text.Encoding.UTF8.GetString(Fields(span, 5).Single()),
        [.. Fields(span, 13).Select(link => (Hex(Fields(link, 1).Single()), Hex(Fields(link, 2).Single())))]);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The length-delimited fields with the given number; other fields are stepped over by their wire type.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 5:
                    at += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if ((int)(tag >> 3) == number)
                        yield return message[at..(at + length)];
                    at += length;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {wireType} at byte {at} is not one OTLP uses.");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var next = message[at++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
                return value;
        }
    }
}
