using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coverage.Silo.Storage;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Api;

public sealed class HostileInputTests
{
    private static readonly (HttpMethod Method, string Path, string MediaType)[] WriteEndpoints =
    [
        (HttpMethod.Put, "/api/v1/orgs/450102/figures", "application/json"),
        (HttpMethod.Post, "/api/v1/figures:batch", "application/json"),
        (HttpMethod.Post, "/api/v1/figures:import", "text/csv"),
        (HttpMethod.Post, "/api/v1/figures:import", "text/csv; charset=gbk"),
        (HttpMethod.Post, "/api/v1/orgs/450102/units:import", "text/csv; charset=gb18030"),
        (HttpMethod.Put, "/api/v1/orgs/450102/units/XN-1", "application/json"),
        (HttpMethod.Put, "/api/v1/stations/hostile-1", "application/json"),
        (HttpMethod.Post, "/api/v1/stations/known-1/usage", "application/json"),
        (HttpMethod.Post, "/api/v1/keys", "application/json"),
    ];

    private static readonly byte[][] Bodies =
    [
        [],
        "null"u8.ToArray(),
        "{}"u8.ToArray(),
        "[]"u8.ToArray(),
        "\"just a string\""u8.ToArray(),
        "123456789012345678901234567890"u8.ToArray(),
        [0xFF, 0xFE, 0xFD, 0x00, 0x7B],
        Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000)),
        """{"asOf": "2026-11-20T09:30:00+08:00", "employees": 1e400, "members": 99999999999999999999999, "verifiedMembers": -0.5, "unitsRequired": NaN}"""u8.ToArray(),
        """{"asOf": "0001-01-01T00:00:00+00:00", "employees": 1, "members": 1, "verifiedMembers": 1, "unitsRequired": 1, "unitsUnionized": 1}"""u8.ToArray(),
        """{"asOf": "9999-12-31T23:59:59+14:00", "employees": 1, "members": 1, "verifiedMembers": 1, "unitsRequired": 1, "unitsUnionized": 1}"""u8.ToArray(),
        """{"asOf": "2026-11-20T09:30:00", "employees": 9223372036854775807, "members": 1, "verifiedMembers": 1, "unitsRequired": 1, "unitsUnionized": 1}"""u8.ToArray(),
        """{"name": "\u0000\uD800", "kind": "enterprise", "orgCode": "\uDFFF💥", "role": "root", "lat": "north", "lon": null}"""u8.ToArray(),
        """{"name": "x", "kind": "enterprise", "orgCode": "'; DROP TABLE grain_state; --", "role": "admin", "lat": 1, "lon": 1}"""u8.ToArray(),
        """{"\uDFFF": 1, "name\uD800": "x"}"""u8.ToArray(),
        """{"asOf": "2026-11-20T09:30:00+08:00", "employees": 2, "members": 1, "verifiedMembers": 1, "unitsRequired": 1, "unitsUnionized": 1, "newEmployment": {"\uD800": {"workers": 1, "members": 0}}}"""u8.ToArray(),
        """[{"code": "450102", "\uD800": 1}, {"\uDFFF": {}}]"""u8.ToArray(),
        """[{"code": "'; DROP TABLE grain_state; --", "figures": {}}, {"code": {"$ne": 1}}, 7, null]"""u8.ToArray(),
        """[{"date": "0001-01-01", "visits": 1000000000000000000}, {"date": "2026-02-30", "visits": -1}, {"date": 20261120}]"""u8.ToArray(),
        """{"members": 1, "members": 2}"""u8.ToArray(),
        Encoding.UTF8.GetBytes($$"""{"name": "{{new string('長', 30_000)}}", "kind": "joint"}"""),
        "code,asOf\n\"unterminated"u8.ToArray(),
        "\uFEFF"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string(',', 20_000)),
        "code,asOf,employees,members,verifiedMembers,unitsRequired,unitsUnionized\n450102,2026-11-20T09:30:00+08:00,1e400,-1,x,\"1\"\"2\",\n"u8.ToArray(),
    ];

    private static readonly string[] HostileCodes =
    [
        "'; DROP TABLE orgs; --", "%25", "💥", "..", "450102%2F..%2F450103", new string('9', 2000), "\u202Eevil", "000000 OR 1=1",
    ];

    /// <summary>Query values as sent on the wire, so bytes that are not UTF-8 and lone surrogates can be among them.</summary>
    private static readonly string[] HostileQueryValues =
    [
        "%00", "a%00b", "%27%3B%20DROP%20TABLE%20audit_log%3B%20--", "%F0%9F%92%A5", "%ED%A0%80", "%FF", "", "%25", "-1", "1e400", "NaN",
        "99999999999999999999999", new string('9', 5000), "9999-12-31T23%3A59%3A59.9999999%2B14%3A00", "0001-01-01", "T%2B00%3A00",
    ];

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task NoHostileInputGetsAServerErrorOrChangesAnything(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        await app.Admin.PutAsJsonAsync("/api/v1/stations/known-1", new { orgCode = "450102", name = "Known", lat = 22.8, lon = 108.3 });
        var failures = new List<string>();

        foreach (var (method, path, mediaType) in WriteEndpoints)
        {
            foreach (var body in Bodies)
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);
                var response = await app.Admin.SendAsync(new HttpRequestMessage(method, path) { Content = content });
                if ((int)response.StatusCode is < 400 or >= 500)
                    failures.Add($"{method} {path} with {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 60)]}: {(int)response.StatusCode}");
            }
        }
        foreach (var code in HostileCodes)
        {
            foreach (var path in new[] { $"/api/v1/orgs/{code}/figures", $"/api/v1/orgs/{code}/units/{code}", $"/api/v1/stations/{code}" })
            {
                var response = await app.Admin.PutAsJsonAsync(path, CoverageApp.Figures(1));
                if ((int)response.StatusCode is < 400 or >= 500)
                    failures.Add($"PUT {path}: {(int)response.StatusCode}");
            }
            var revoke = await app.Admin.DeleteAsync($"/api/v1/keys/{code}");
            if ((int)revoke.StatusCode is < 400 or >= 500)
                failures.Add($"DELETE /api/v1/keys/{code}: {(int)revoke.StatusCode}");
        }

        Assert.Empty(failures);
        var audit = await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/audit"));
        Assert.All(audit.GetProperty("entries").EnumerateArray(), e => Assert.Equal("stations.put", e.GetProperty("action").GetString()));
        Assert.Equal(JsonValueKind.Null,
            (await CoverageApp.JsonOf(await app.Admin.GetAsync("/api/v1/orgs/450102"))).GetProperty("own").ValueKind);
    }

    [Theory]
    [ClassData(typeof(StorageProviders))]
    public async Task NoHostileQueryOrPathGetsAServerError(StorageProvider provider)
    {
        await using var app = await CoverageApp.StartAsync(provider);
        await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(1));
        var reads = await ReadOperationsAsync(app.Admin);
        var failures = new List<string>();

        foreach (var (path, parameters) in reads)
        {
            var urls = parameters.SelectMany(p => HostileQueryValues.Select(v => $"{path.Replace("{code}", "450000")}?{p}={v}"))
                .Concat(path.Contains("{code}") ? HostileCodes.Select(code => path.Replace("{code}", Uri.EscapeDataString(code))) : []);
            foreach (var url in urls)
            {
                using var response = await app.Admin.GetAsync(url);
                if ((int)response.StatusCode >= 500)
                    failures.Add($"GET {url[..Math.Min(url.Length, 120)]}: {(int)response.StatusCode}");
            }
        }

        Assert.Contains(reads, r => r.Path == "/api/v1/audit" && r.Parameters.Contains("keyId"));
        Assert.Empty(failures);
    }

    /// <summary>Every GET the OpenAPI document lists, with its query parameters, so a new read is covered without being named here.</summary>
    private static async Task<List<(string Path, string[] Parameters)>> ReadOperationsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("get", out _))
            .Select(path => (path.Name, path.Value.GetProperty("get").TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToArray()
                : []))
            .ToList();
    }
}
