using System.Text.Json;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a batch of grassroots unions' codes, <c>["XN-0001", …]</c>; errors are keyed like <c>[3]</c>.</summary>
public static class UnitCodesJsonBatch
{
    public static List<UnitCode> Read(JsonElement root, ErrorBag errors)
    {
        var codes = new List<UnitCode>();
        if (!FiguresJsonBatch.IsBatch(root, "\"code\"", errors))
            return codes;
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = $"[{index++}]";
            if (element.ValueKind != JsonValueKind.String)
                errors.Add(path, JsonInput.MustBe(new("a unit's code", "基层工会代码"), element));
            else if (element.GetString() is not { } code || !Codes.IsValid(code))
                errors.Add(path, Codes.Invalid);
            else
                codes.Add(new UnitCode(path, code));
        }
        return codes;
    }
}

/// <summary>A unit's code in a batch, with the path its errors are keyed by.</summary>
public sealed record UnitCode(string Path, string Code);
