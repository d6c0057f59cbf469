using Coverage.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Coverage.Bench.Http;

/// <summary>The floor for the ingest benchmark: Kestrel parsing the same JSON body into the same record and answering 200.</summary>
public static class BaselineServer
{
    public const string Command = "serve-baseline";

    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateBuilder();
        var app = builder.Build();
        app.MapGet("/healthz", () => TypedResults.Ok());
        app.MapPut("/x/{code}", (string code, Figures figures) => TypedResults.Ok(new Receipt(code, figures.AsOf, figures.Members)));
        await app.RunAsync();
    }

    public static Task<ServerProcess> StartAsync() =>
        ServerProcess.StartAsync(typeof(BaselineServer).Assembly.Location, [Command], new Dictionary<string, string?>(), "/healthz");

    private sealed record Receipt(string Code, DateTimeOffset AsOf, long Members);
}
