using Coverage.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process answers; /readyz: storage answers too, and no other process holds the claim to write it.</summary>
    public static IEndpointRouteBuilder MapHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).WithTags("Health");
        app.MapGet("/readyz", ReadyAsync).WithTags("Health");
        return app;
    }

    private static async Task<Results<Ok<ReadyStatus>, ProblemHttpResult>> ReadyAsync(Database database, WriterClaim claim,
        GroupCommitter committer, CancellationToken cancellationToken)
    {
        // A process that lost its claim gets no writes while not ready, so the probe itself tries to claim again.
        if (claim.HeldElsewhere is not null)
            await TryClaimAsync(committer);
        if (claim.HeldElsewhere is { } reason)
            return TypedResults.Problem($"This process may not write: {reason}", statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Not ready");
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

    /// <summary>Whether it worked shows in <see cref="WriterClaim.HeldElsewhere"/>; a database that is away is the check below's to report.</summary>
    private static async Task TryClaimAsync(GroupCommitter committer)
    {
        try
        {
            await committer.ClaimAsync();
        }
        catch (StorageUnavailableException)
        {
        }
    }

    public sealed record ReadyStatus(string Status, string Storage);
}
