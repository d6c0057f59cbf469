using Coverage.Contracts;
using Coverage.Silo.Analytics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>The sort and order query parameters of a ranked list; order defaults to desc (best first).</summary>
public readonly record struct Sorting(Measure? Measure, bool Descending)
{
    public static (Sorting Sorting, ProblemHttpResult? Problem) Parse(string? sort, string? order, string? defaultSort = null)
    {
        var descending = order?.ToLowerInvariant() switch
        {
            null or "desc" => true,
            "asc" => false,
            _ => (bool?)null,
        };
        if (descending is null)
            return (default, QueryProblems.Invalid("order", $"'{order}' is not an order; use asc or desc.", ["asc", "desc"]));
        var name = sort ?? defaultSort;
        if (name is null)
            return (new Sorting(null, descending.Value), null);
        return Measures.Find(name) is { } measure
            ? (new Sorting(measure, descending.Value), null)
            : (default, QueryProblems.UnknownMeasure("sort", name, Measures.All.Select(m => m.Name)));
    }

    public IReadOnlyList<OrgSummary> Apply(IReadOnlyList<OrgSummary> summaries) =>
        Measure is null ? summaries : Ranking.Sort(summaries, Measure, Descending);
}
