using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>limit/offset of a paged list; CSV exports without a limit take the whole list.</summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 5000;

    public static (Paging Paging, ProblemHttpResult? Problem) Parse(int? limit, int? offset, bool wholeListByDefault)
    {
        if (limit is < 1 or > MaxLimit)
            return (default, QueryProblems.Invalid("limit", $"limit must be between 1 and {MaxLimit}; page through longer lists with offset."));
        if (offset is < 0)
            return (default, QueryProblems.Invalid("offset", "offset must be 0 or more."));
        return (new Paging(limit ?? (wholeListByDefault ? int.MaxValue : DefaultLimit), offset ?? 0), null);
    }

    public IEnumerable<T> Apply<T>(IEnumerable<T> items) => items.Skip(Offset).Take(Limit);
}
