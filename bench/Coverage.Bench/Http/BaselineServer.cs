using System.Collections.Concurrent;
using System.Text;
using Coverage.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coverage.Bench.Http;

/// <summary>
/// The floors: for ingest, Kestrel parsing the same JSON body into the same record and answering 200; for reads, Kestrel
/// answering with a JSON body of a given size held in memory.
/// </summary>
public static class BaselineServer
{
    public const string Command = "serve-baseline";

    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateBuilder();
        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok());
        app.MapPut("/x/{code}", (string code, Figures figures) => TypedResults.Ok(new Receipt(code, figures.AsOf, figures.Members)));
        var bodies = new ConcurrentDictionary<int, byte[]>();
        app.MapGet("/json/{size:int:range(2,10000000)}", (int size) => TypedResults.Bytes(bodies.GetOrAdd(size, JsonOfSize), "application/json"));
        await app.RunAsync();
    }

    public static Task<ServerProcess> StartAsync() =>
        ServerProcess.StartAsync(typeof(BaselineServer).Assembly.Location, [Command], new Dictionary<string, string?>(), "/healthz");

    /// <summary>A JSON array of one string, padded to the size asked for.</summary>
    private static byte[] JsonOfSize(int size) => Encoding.UTF8.GetBytes(size < 4 ? "[]" : $"[\"{new string('x', size - 4)}\"]");

    private sealed record Receipt(string Code, DateTimeOffset AsOf, long Members);
}
