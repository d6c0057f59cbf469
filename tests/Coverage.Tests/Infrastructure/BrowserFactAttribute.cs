namespace Coverage.Tests.Infrastructure;

/// <summary>
/// A test that drives Debian's Chromium. Skipped with a clear reason where Chromium is not installed, except in CI
/// (COVERAGE_REQUIRE_BROWSER=1), where a missing browser must fail rather than shrink the suite.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("COVERAGE_REQUIRE_BROWSER") != "1")
            Skip = $"Chromium is not installed at {Chromium} (apt-get install -y chromium).";
    }
}
