using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>Problem details shared by several endpoints, each saying what the caller should fix.</summary>
public static class Problems
{
    public static ProblemHttpResult UnknownOrg(string code) => TypedResults.Problem(
        $"No union organisation has code '{code}'. Codes are 6-digit division codes (national 000000) or registered unit codes.",
        statusCode: StatusCodes.Status404NotFound, title: "Unknown org");
}
