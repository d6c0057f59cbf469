using System.Net;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Hosting;

public sealed class TelemetryTests
{
    [Fact]
    public async Task MetricsOfCommitsRequestsAndGrainsReachTheCollectorTheOtlpEndpointNames()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await StartSendingToAsync(collector);

        var written = await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(100));

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        foreach (var metric in new[] { "coverage.storage.commits", "coverage.storage.commit.duration", "coverage.grains.activations", "http.server.request.duration" })
            await Eventually.TrueAsync(() => collector.Received(metric), TimeSpan.FromSeconds(15), $"an export carrying {metric}");
    }

    [Fact]
    public async Task AnApiRequestsSpanAndTheSpanOfTheCommitThatCarriedItsWriteReachTheCollectorLinked()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = await StartSendingToAsync(collector);

        var written = await CoverageApp.PutFiguresAsync(app.Admin, "450102", CoverageApp.Figures(100));

        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        await Eventually.TrueAsync(() =>
        {
            var spans = collector.Spans();
            return spans.Any(put => put.Name == "PUT /api/v1/orgs/{code}/figures" &&
                spans.Any(commit => commit.Name == "coverage.storage.commit" && commit.Links.Contains((put.TraceId, put.SpanId))));
        }, TimeSpan.FromSeconds(15), "the PUT's span and a commit span linking to it");
    }

    /// <summary>An app exporting to the collector, metrics and spans a fifth of a second after they are made.</summary>
    private static Task<CoverageApp> StartSendingToAsync(OtlpCollector collector) => CoverageApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
    });
}
