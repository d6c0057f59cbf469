using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Coverage.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Infrastructure;

/// <summary>The whole Dashboard in memory on its own fresh database, with a bootstrap admin key and helpers to call it as a county would.</summary>
public sealed class CoverageApp : TestApp
{
    public const string AdminKey = "bootstrap-admin-key-for-tests-0123456789";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Action<IServiceCollection>? _services;

    private CoverageApp(TestDatabase database, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
        : base(database, ownsDatabase: true, AdminKey, WithWriteLimitsRaised(settings))
    {
        _services = services;
    }

    /// <summary>Starts on a fresh database, or on <paramref name="database"/>, which the app then owns.</summary>
    public static async Task<CoverageApp> StartAsync(StorageProvider provider = StorageProvider.Sqlite, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, TestDatabase? database = null)
    {
        var app = new CoverageApp(database ?? await TestDatabase.CreateAsync(provider), settings, services);
        try
        {
            app.StartServer();
        }
        catch (Exception error)
        {
            // Disposing a host that failed to start can fail too; the start's own error must still reach the test.
            try
            {
                await app.DisposeAsync();
            }
            catch (Exception disposal)
            {
                throw new AggregateException(error, disposal);
            }
            throw;
        }
        return app;
    }

    public HttpClient Admin => ClientWithKey(AdminKey);

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates a key through the API as the bootstrap admin and returns its secret.</summary>
    public async Task<string> CreateKeyAsync(string orgCode, string role)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/keys", new { orgCode, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public static Task<HttpResponseMessage> PutFiguresAsync(HttpClient client, string code, object figures) =>
        client.PutAsJsonAsync($"/api/v1/orgs/{code}/figures", figures);

    /// <summary>A valid figures body; members and units stay within their denominators.</summary>
    public static Dictionary<string, object> Figures(long members, DateTimeOffset? asOf = null, long courierMembers = 0)
    {
        var figures = new Dictionary<string, object>
        {
            ["asOf"] = (asOf ?? new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8))).ToString("O"),
            ["employees"] = members * 2,
            ["members"] = members,
            ["verifiedMembers"] = members / 2,
            ["unitsRequired"] = 100,
            ["unitsUnionized"] = 50,
        };
        if (courierMembers > 0)
            figures["newEmployment"] = new Dictionary<string, object> { ["courier"] = new { workers = courierMembers * 2, members = courierMembers } };
        return figures;
    }

    /// <summary>The response body as JSON; buffered, so a test may read it more than once.</summary>
    /// <summary>The org's total members as the API reads them to the client's key.</summary>
    public static async Task<long> MembersAsync(HttpClient client, string code) =>
        (await JsonOf(await client.GetAsync($"/api/v1/orgs/{code}"))).GetProperty("totals").GetProperty("members").GetInt64();

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>The error messages a problem response lists under one key of its 'errors'.</summary>
    public static async Task<string[]> ErrorsAt(HttpResponseMessage response, string key)
    {
        var json = await JsonOf(response);
        return json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(key, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : throw new Xunit.Sdk.XunitException($"No errors under '{key}' in {json}");
    }

    protected override void ConfigureServices(IServiceCollection services) => _services?.Invoke(services);

    /// <summary>Tests send writes back to back; the rate limit is raised unless a test sets it.</summary>
    private static Dictionary<string, string?> WithWriteLimitsRaised(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?> { ["RateLimit:WritesPerSecond"] = "10000", ["RateLimit:Burst"] = "10000" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return all;
    }
}
