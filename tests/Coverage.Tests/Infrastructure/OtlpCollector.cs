using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// Stands in for an OpenTelemetry collector: takes OTLP/HTTP metric and trace exports on a loopback port and keeps their
/// bodies. Metric names travel as plain UTF-8 inside the protobuf, so a body can be searched for them; spans are read.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<byte[]> _exports = new();
    private readonly ConcurrentQueue<byte[]> _traces = new();

    private OtlpCollector(WebApplication app) => _app = app;

    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/metrics", async (HttpRequest request) => await KeepAsync(request, collector._exports));
        app.MapPost("/v1/traces", async (HttpRequest request) => await KeepAsync(request, collector._traces));
        await app.StartAsync();
        return collector;
    }

    public bool Received(string metricName)
    {
        var name = Encoding.UTF8.GetBytes(metricName);
        return _exports.Any(export => export.AsSpan().IndexOf(name) >= 0);
    }

    public IReadOnlyList<OtlpSpan> Spans() => [.. _traces.SelectMany(OtlpSpan.ReadExport)];

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task<IResult> KeepAsync(HttpRequest request, ConcurrentQueue<byte[]> exports)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        exports.Enqueue(body.ToArray());
        return Results.Bytes([], "application/x-protobuf");
    }
}
