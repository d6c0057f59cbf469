using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>limit/offset of a paged list; CSV exports without a limit take the whole list.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 5000;

    public static (Paging Paging, ProblemHttpResult? Problem) Parse(string? limit, string? offset, bool wholeListByDefault)
    {
        var take = wholeListByDefault ? int.MaxValue : DefaultLimit;
        if (limit is not null && !(TryCount(limit, out take) && take is >= 1 and <= MaxLimit))
            return (default, QueryProblems.Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}, not '{limit}'; page through longer lists with offset."));
        var skip = 0;
        if (offset is not null && !TryCount(offset, out skip))
            return (default, QueryProblems.Invalid("offset", $"offset must be a whole number, 0 or more, not '{offset}'."));
        return (new Paging(take, skip), null);
    }

    public IEnumerable<T> Apply<T>(IEnumerable<T> items) => items.Skip(Offset).Take(Limit);

    private static bool TryCount(string value, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count);
}
