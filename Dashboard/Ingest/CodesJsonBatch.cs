using System.Text.Json;

namespace Coverage.Dashboard.Ingest;

/// <summary>Reads a batch of codes or ids, <c>["XN-0001", …]</c>, each named as <paramref name="what"/> in errors keyed like <c>[3]</c>.</summary>
public static class CodesJsonBatch
{
    public static List<BatchCode> Read(JsonElement root, ErrorBag errors, Message what)
    {
        var codes = new List<BatchCode>();
        if (!FiguresJsonBatch.IsBatch(root, "\"code\"", errors))
            return codes;
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = $"[{index++}]";
            if (element.ValueKind != JsonValueKind.String)
                errors.Add(path, JsonInput.MustBe(what, element));
            else if (element.GetString() is not { } code || !Codes.IsValid(code))
                errors.Add(path, Codes.Invalid);
            else
                codes.Add(new BatchCode(path, code));
        }
        return codes;
    }
}

/// <summary>A code in a batch, with the path its errors are keyed by.</summary>
public sealed record BatchCode(string Path, string Code);
