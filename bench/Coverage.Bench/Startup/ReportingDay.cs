using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Bench.Http;
using Coverage.Contracts;

namespace Coverage.Bench.Startup;

/// <summary>
/// A day when county unions push their grassroots unions' figures: one more member for each of the first units, through
/// <c>figures:batch</c> 10,000 at a time with two requests in flight, spread over every county as the tree is. Waking
/// that many grains is what tests the app's memory, and rewriting every county's parts what tests its storage.
/// </summary>
public static class ReportingDay
{
    private const int Batch = 10_000;

    /// <summary>Seconds until every batch was acknowledged and the nation counted every new member.</summary>
    public static async Task<double> RunAsync(ServerProcess server, string key, List<OrgInfo> counties, int units, int reported)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var asOf = DateTimeOffset.UtcNow;
        var started = Stopwatch.StartNew();
        var batches = Enumerable.Range(0, reported).Chunk(Batch).ToList();
        var sent = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (batch, cancellation) =>
        {
            var items = batch.Select(i => new { code = NationalTree.UnitCode(counties, i), figures = NationalTree.UnitFigures(i, asOf, moreMembers: 1) });
            using var response = await client.PostAsJsonAsync("/api/v1/figures:batch", items, JsonSerializerOptions.Web, cancellation);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"figures:batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellation)}");
            if (Interlocked.Add(ref sent, batch.Length) % (Batch * 20) == 0)
                Console.Error.WriteLine($"  {sent:N0} grassroots unions reported");
        });
        await WaitForNationAsync(client, NationalTree.MembersOf(units) + reported);
        return started.Elapsed.TotalSeconds;
    }

    private static async Task WaitForNationAsync(HttpClient client, long members)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            using var nation = JsonDocument.Parse(await client.GetStringAsync("/api/v1/orgs/000000"));
            var found = nation.RootElement.GetProperty("totals").GetProperty("members").GetInt64();
            if (found == members)
                return;
            if (until.Elapsed > TimeSpan.FromMinutes(1))
                throw new InvalidOperationException($"The nation counts {found:N0} members a minute after the last report, not {members:N0}.");
            await Task.Delay(100);
        }
    }
}
