using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Hosting;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// The whole dashboard in memory on its own fresh database (or one handed over, to restart on it), with a clock the test
/// controls and helpers to set figures through the grains and read the API as JSON or CSV.
/// </summary>
public sealed class AnalyticsApp : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private readonly bool _ownsDatabase;

    private AnalyticsApp(TestDatabase database, bool ownsDatabase, DateTimeOffset now)
    {
        Database = database;
        _ownsDatabase = ownsDatabase;
        Clock = new TestClock(now);
    }

    public TestDatabase Database { get; }

    public TestClock Clock { get; }

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public static async Task<AnalyticsApp> StartAsync(StorageProvider provider = StorageProvider.Sqlite, TestDatabase? database = null,
        DateTimeOffset? now = null)
    {
        var app = new AnalyticsApp(database ?? await TestDatabase.CreateAsync(provider), database is null, now ?? DateTimeOffset.UtcNow);
        app.StartServer();
        return app;
    }

    public const string AdminKey = "analytics-test-admin-key-0123456789";

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Database.Settings())
            builder.UseSetting(key, value);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Auth:AllowAnonymousRead", "true");
        builder.UseSetting("Auth:BootstrapAdminKey", AdminKey);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
            await Database.DisposeAsync();
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiServiceCollectionExtensions.Configure(options);
        return options;
    }
}
