using Microsoft.Net.Http.Headers;

namespace Coverage.Dashboard.Ingest;

public static class Languages
{
    /// <summary>Chinese when the most preferred language of the request's Accept-Language is a zh one; English otherwise.</summary>
    public static Language Of(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted))
            return Language.English;
        // q=0 says "not this one", so it can never be the preferred language.
        var preferred = accepted.Where(l => (l.Quality ?? 1) > 0).OrderByDescending(l => l.Quality ?? 1).FirstOrDefault();
        return preferred?.Value.StartsWith("zh", StringComparison.OrdinalIgnoreCase) == true ? Language.Chinese : Language.English;
    }
}
