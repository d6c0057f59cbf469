using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Hosting;
using Coverage.Grains;
using Coverage.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// The whole dashboard in memory on its own fresh database (or one handed over, to restart on it), with a clock the test
/// controls and helpers to set figures through the grains and read the API as JSON or CSV.
/// </summary>
public sealed class AnalyticsApp : TestApp
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private AnalyticsApp(TestDatabase database, bool ownsDatabase, DateTimeOffset now)
        : base(database, ownsDatabase, AdminKey, new Dictionary<string, string?> { ["Auth:AllowAnonymousRead"] = "true" })
    {
        Clock = new TestClock(now);
    }

    public TestClock Clock { get; }

    public static async Task<AnalyticsApp> StartAsync(StorageProvider provider = StorageProvider.Sqlite, TestDatabase? database = null,
        DateTimeOffset? now = null)
    {
        var app = new AnalyticsApp(database ?? await TestDatabase.CreateAsync(provider), database is null, now ?? DateTimeOffset.UtcNow);
        app.StartServer();
        return app;
    }

    public const string AdminKey = "analytics-test-admin-key-0123456789";

    /// <summary>Sets a county's own figures: members, and employees twice that unless given (a membership rate of 0.5).</summary>
    public Task<OrgSummary> SetMembersAsync(string code, long members, long? employees = null, long courierMembers = 0) =>
        Grains.GetGrain<IOrgGrain>(code).SetFigures(Figure.Of(members, Clock.GetUtcNow(), courierMembers) with { Employees = employees ?? members * 2 });

    public async Task<T> GetAsync<T>(string url)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>The status and parsed body of a request, for responses a test expects to fail.</summary>
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: Json) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<CsvTable> GetCsvAsync(string url, bool byAcceptHeader = false)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (byAcceptHeader)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        return CsvTable.Parse(body, response.Content.Headers.ContentType?.ToString() ?? "");
    }

    /// <summary>Requests carry a national admin key, so targets (a federation's write) can be set as well as read.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiServiceCollectionExtensions.Configure(options);
        return options;
    }
}
