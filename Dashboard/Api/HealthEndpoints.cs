using Coverage.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers; /readyz: storage answers too.</summary>
    public static IEndpointRouteBuilder MapHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithTags("Health");
        app.MapGet("/readyz", ReadyAsync).WithTags("Health");
        return app;
    }

    private static async Task<Results<Ok<ReadyStatus>, ProblemHttpResult>> ReadyAsync(Database database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return TypedResults.Ok(new ReadyStatus("ready", database.Describe()));
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return TypedResults.Problem($"Storage is not reachable: {error.Message}", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Not ready");
        }
    }

    public sealed record ReadyStatus(string Status, string Storage);
}
