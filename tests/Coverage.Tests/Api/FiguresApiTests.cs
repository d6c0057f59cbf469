using System.Net;
using System.Net.Http.Json;
using System.Text;
using Coverage.Tests.Infrastructure;
using static Coverage.Tests.Infrastructure.Orgs;

namespace Coverage.Tests.Api;

public sealed class FiguresApiTests
{
    [Fact]
    public async Task CountyWriterPutsFiguresAndGetsTheOrgSummary()
    {
        await using var app = await CoverageApp.StartAsync();
        var county = app.ClientWithKey(await app.CreateKeyAsync(Xingning, "writer"));

        var response = await CoverageApp.PutFiguresAsync(county, Xingning, CoverageApp.Figures(41_000, courierMembers: 1_300));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await CoverageApp.JsonOf(response);
        Assert.Equal(41_000, summary.GetProperty("own").GetProperty("members").GetInt64());
        Assert.Equal(1_300, summary.GetProperty("totals").GetProperty("newEmployment").GetProperty("courier").GetProperty("members").GetInt64());
        var read = await CoverageApp.JsonOf(await county.GetAsync($"/api/v1/orgs/{Xingning}"));
        Assert.Equal(41_000, read.GetProperty("totals").GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task TheSummaryAnsweringAPutStatesItsLengthAndKeepsNamesReadable()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000));

        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.Content.Headers.TryGetValues("Content-Length", out var sent), "the answer names its length");
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(sent));
        Assert.Contains("\"name\":\"兴宁区\"", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task ProblemAnswersStateTheirLengthWhateverTheCallerAccepts()
    {
        await using var app = await CoverageApp.StartAsync();
        var stored = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8));
        await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000, stored));
        using var csvReader = app.ClientWithKey(CoverageApp.AdminKey);
        csvReader.DefaultRequestHeaders.Accept.ParseAdd("text/csv");

        HttpResponseMessage[] problems =
        [
            await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(40_000, stored.AddDays(-1))),
            await app.Admin.PutAsync($"/api/v1/orgs/{Xingning}/figures", new StringContent("{\"asOf\": 1}", Encoding.UTF8, "application/json")),
            await app.Admin.GetAsync("/api/v1/orgs/999999"),
            await csvReader.GetAsync($"/api/v1/orgs/{Guangxi}/childern.csv"),
        ];

        Assert.Equal([409, 400, 404, 404], problems.Select(p => (int)p.StatusCode));
        foreach (var problem in problems)
        {
            var body = await problem.Content.ReadAsByteArrayAsync();
            Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
            Assert.True(problem.Content.Headers.TryGetValues("Content-Length", out var sent), "the answer names its length");
            Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(sent));
            Assert.False(problem.Headers.TransferEncodingChunked ?? false, "the body is not sent in chunks");
        }
    }

    [Fact]
    public async Task SameFiguresTwiceChangeNothing()
    {
        await using var app = await CoverageApp.StartAsync();
        var first = await CoverageApp.JsonOf(await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000)));

        var second = await CoverageApp.JsonOf(await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000)));

        Assert.Equal(first.GetProperty("version").GetInt64(), second.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task OlderAsOfIsRefusedWithTheStoredAsOf()
    {
        await using var app = await CoverageApp.StartAsync();
        var stored = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(8));
        await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000, stored));

        var response = await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(40_000, stored.AddDays(-1)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(stored, (await CoverageApp.JsonOf(response)).GetProperty("storedAsOf").GetDateTimeOffset());
        var read = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}"));
        Assert.Equal(41_000, read.GetProperty("own").GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task EqualAsOfIsACorrectionAndReplaces()
    {
        await using var app = await CoverageApp.StartAsync();
        await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000));

        var response = await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(39_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(39_000, (await CoverageApp.JsonOf(response)).GetProperty("own").GetProperty("members").GetInt64());
    }

    [Fact]
    public async Task InvalidFiguresListEveryErrorByPathAndChangeNothing()
    {
        await using var app = await CoverageApp.StartAsync();
        var body = """
            {"asOf": "2026-11-20T09:30:00+08:00", "employees": 100, "members": 150, "verifiedMembers": -1, "unitsRequired": 10,
             "unitsUnionized": "many", "newEmployment": {"courier": {"workers": 10, "members": 1.5}, "astronaut": {"workers": 1, "members": 0}}}
            """;

        var response = await PutRawAsync(app, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("negative", (await CoverageApp.ErrorsAt(response, "verifiedMembers"))[0]);
        Assert.Contains("whole number", (await CoverageApp.ErrorsAt(response, "unitsUnionized"))[0]);
        Assert.Contains("whole number", (await CoverageApp.ErrorsAt(response, "newEmployment.courier.members"))[0]);
        Assert.Contains("not a known group", (await CoverageApp.ErrorsAt(response, "newEmployment.astronaut"))[0]);
        var read = await CoverageApp.JsonOf(await app.Admin.GetAsync($"/api/v1/orgs/{Xingning}"));
        Assert.Equal(0, read.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("members", 300, "employees")]
    [InlineData("verifiedMembers", 150, "members")]
    [InlineData("unitsUnionized", 101, "unitsRequired")]
    public async Task APartAboveItsWholeIsRefused(string field, long value, string whole)
    {
        await using var app = await CoverageApp.StartAsync();
        var figures = CoverageApp.Figures(100);
        figures[field] = value;

        var response = await CoverageApp.PutFiguresAsync(app.Admin, Xingning, figures);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"must not exceed {whole}", (await CoverageApp.ErrorsAt(response, field))[0]);
    }

    [Fact]
    public async Task GroupMembersAboveWorkersAreRefused()
    {
        await using var app = await CoverageApp.StartAsync();
        var figures = CoverageApp.Figures(100);
        figures["newEmployment"] = new { courier = new { workers = 10, members = 11 } };

        var response = await CoverageApp.PutFiguresAsync(app.Admin, Xingning, figures);

        Assert.Contains("must not exceed workers", (await CoverageApp.ErrorsAt(response, "newEmployment.courier.members"))[0]);
    }

    [Fact]
    public async Task MalformedJsonIsRefusedWithA400()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await app.Admin.PutAsync($"/api/v1/orgs/{Xingning}/figures", new StringContent("{\"asOf\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", (await CoverageApp.ErrorsAt(response, "$"))[0]);
    }

    [Fact]
    public async Task WholeNumbersWrittenWithAFractionOrAnExponentAreTakenAsTheyAre()
    {
        await using var app = await CoverageApp.StartAsync();
        const string body = """{"asOf": "2026-11-20T09:30:00+08:00", "employees": 52000.0, "members": 4.1e4, "verifiedMembers": 36000, "unitsRequired": 1800, "unitsUnionized": 15E2}""";

        var response = await PutRawAsync(app, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var own = (await CoverageApp.JsonOf(response)).GetProperty("own");
        Assert.Equal(52000, own.GetProperty("employees").GetInt64());
        Assert.Equal(41000, own.GetProperty("members").GetInt64());
        Assert.Equal(1500, own.GetProperty("unitsUnionized").GetInt64());
    }

    [Fact]
    public async Task ANumberBeyondAnyCountIsNamedForWhatIsWrongWithIt()
    {
        await using var app = await CoverageApp.StartAsync();
        const string body = """{"asOf": "2026-11-20T09:30:00+08:00", "employees": 1e400, "members": -99999999999999999999, "verifiedMembers": 0.5, "unitsRequired": 1800, "unitsUnionized": 1500}""";

        var response = await PutRawAsync(app, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("too large", (await CoverageApp.ErrorsAt(response, "employees"))[0]);
        Assert.Contains("negative", (await CoverageApp.ErrorsAt(response, "members"))[0]);
        Assert.Contains("whole number", (await CoverageApp.ErrorsAt(response, "verifiedMembers"))[0]);
    }

    [Fact]
    public async Task AFieldNameWithABrokenSurrogateIsRefusedWithA400NamingIt()
    {
        await using var app = await CoverageApp.StartAsync();
        const string body = """{"asOf": "2026-11-20T09:30:00+08:00", "employees": 2, "members": 1, "verifiedMembers": 1, "unitsRequired": 1, "unitsUnionized": 1, "newEmployment": {"\uD800": {"workers": 1, "members": 0}}}""";

        var response = await PutRawAsync(app, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid Unicode", (await CoverageApp.ErrorsAt(response, "newEmployment"))[0]);
    }

    [Fact]
    public async Task BodyOverTheLimitIsRefusedWithA413()
    {
        await using var app = await CoverageApp.StartAsync();
        var figures = CoverageApp.Figures(100);
        figures["padding"] = new string('x', 70 * 1024);

        var response = await CoverageApp.PutFiguresAsync(app.Admin, Xingning, figures);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task UnknownOrgIsA404()
    {
        await using var app = await CoverageApp.StartAsync();

        var response = await CoverageApp.PutFiguresAsync(app.Admin, "999999", CoverageApp.Figures(100));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task FiguresReachTheProvinceThroughTheApi()
    {
        await using var app = await CoverageApp.StartAsync();
        await CoverageApp.PutFiguresAsync(app.Admin, Xingning, CoverageApp.Figures(41_000));

        await Eventually.TrueAsync(async () =>
            (await app.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/orgs/450000")).GetProperty("totals").GetProperty("members").GetInt64() == 41_000,
            TimeSpan.FromSeconds(2), "Guangxi's total including Xingning");
    }

    /// <summary>A body sent exactly as written, for what a serializer would not produce.</summary>
    private static Task<HttpResponseMessage> PutRawAsync(CoverageApp app, string body) =>
        app.Admin.PutAsync($"/api/v1/orgs/{Xingning}/figures", new StringContent(body, Encoding.UTF8, "application/json"));
}
