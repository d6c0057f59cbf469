namespace Coverage.Dashboard.Ingest;

/// <summary>The languages errors are told in: English for API callers, Chinese for a request whose Accept-Language prefers it.</summary>
public enum Language
{
    English,
    Chinese,
}
