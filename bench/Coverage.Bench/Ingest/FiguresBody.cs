using System.Globalization;
using System.Text;

namespace Coverage.Bench.Ingest;

/// <summary>
/// The PUT body a county system sends. Counts change with every request so each one is a real write, and stay within
/// their denominators so validation accepts them.
/// </summary>
public static class FiguresBody
{
    public static byte[] Json(DateTimeOffset asOf, long sequence)
    {
        var employees = 52_000 + sequence % 5_000;
        var members = 41_000 + sequence % 4_000;
        var units = 1_800 + sequence % 100;
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"asOf":"{{asOf:yyyy-MM-ddTHH:mm:ss.fffzzz}}","employees":{{employees}},"members":{{members}},"verifiedMembers":{{members - 5_000}},"unitsRequired":{{units}},"unitsUnionized":{{units - 300}},"newEmployment":{"courier":{"workers":2100,"members":{{1_300 + sequence % 500}}""") + "}}}");
    }
}
