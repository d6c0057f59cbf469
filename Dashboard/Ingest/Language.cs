using Microsoft.Net.Http.Headers;

namespace Coverage.Dashboard.Ingest;

/// <summary>The languages errors are told in: English for API callers, Chinese for a request whose Accept-Language prefers it.</summary>
public enum Language
{
    English,
    Chinese,
}

public static class Languages
{
    /// <summary>Chinese when the most preferred language of the request's Accept-Language is a zh one; English otherwise.</summary>
    public static Language Of(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted) || accepted.Count == 0)
            return Language.English;
        var preferred = accepted.OrderByDescending(l => l.Quality ?? 1).First().Value;
        return preferred.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Language.Chinese : Language.English;
    }
}
