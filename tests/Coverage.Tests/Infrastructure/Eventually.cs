namespace Coverage.Tests.Infrastructure;

/// <summary>Polls a condition that becomes true asynchronously, failing with a clear message when it never does.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, TimeSpan within, string? what = null) =>
        TrueAsync(() => Task.FromResult(condition()), within, what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string? what = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{what ?? "Condition"} did not become true within {within.TotalSeconds:0.#} s.");
            await Task.Delay(20);
        }
    }
}
