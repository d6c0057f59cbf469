using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

[Collection(Isolated.Name)]
public sealed class CrashTests
{
    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task EveryAcknowledgedWriteSurvivesAKillAndTheTreeIsConsistentAfterRestart(StorageProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var counties = new OrgDirectory().All.Where(o => o.Level == OrgLevel.County).Select(o => o.Code).Order().Take(40).ToList();
        var acknowledged = new ConcurrentDictionary<string, long>();

        await using (var first = await DashboardProcess.StartAsync(database))
        {
            using var stop = new CancellationTokenSource();
            var writers = counties.Select(code => Task.Run(() => WriteUntilFailureAsync(first.Client, code, acknowledged, stop.Token))).ToList();
            await Eventually.TrueAsync(() => acknowledged.Values.Sum() >= 400, TimeSpan.FromSeconds(30), "400 acknowledged writes");
            first.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        await using var second = await DashboardProcess.StartAsync(database);
        foreach (var (code, members) in acknowledged)
        {
            var own = (await second.Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{code}")).GetProperty("own").GetProperty("members").GetInt64();
            Assert.True(own == members || own == members + 1, $"{code}: {members} acknowledged, {own} stored");
        }
        await Eventually.TrueAsync(async () => (await second.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/consistency")).GetProperty("consistent").GetBoolean(),
            TimeSpan.FromSeconds(10), "a consistent tree");
        var audited = await AuditedMembersAsync(second.Client);
        foreach (var (code, members) in acknowledged)
            Assert.Contains((code, members), audited);
    }

    /// <summary>Writes ever larger figures to one county, one at a time, recording each acknowledgement, until the server goes away.</summary>
    private static async Task WriteUntilFailureAsync(HttpClient client, string code, ConcurrentDictionary<string, long> acknowledged, CancellationToken stop)
    {
        for (long members = 1; !stop.IsCancellationRequested; members++)
        {
            try
            {
                var response = await CoverageApp.PutFiguresAsync(client, code, CoverageApp.Figures(members));
                if (!response.IsSuccessStatusCode)
                    return;
                acknowledged[code] = members;
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }

    private static async Task<HashSet<(string, long)>> AuditedMembersAsync(HttpClient client)
    {
        var audited = new HashSet<(string, long)>();
        for (long? after = 0; after is not null;)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/audit?limit=1000&after={after}");
            foreach (var entry in page.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("action").GetString() == "figures.put"))
                audited.Add((entry.GetProperty("orgCode").GetString()!, entry.GetProperty("payload").GetProperty("members").GetInt64()));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }
        return audited;
    }
}
