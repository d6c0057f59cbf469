using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>400 problem details for query and body values, naming the parameter and what would be accepted.</summary>
public static class QueryProblems
{
    public static ProblemHttpResult Invalid(string parameter, string detail, IEnumerable<string>? valid = null) => TypedResults.Problem(
        detail,
        statusCode: StatusCodes.Status400BadRequest,
        title: $"Invalid '{parameter}'",
        extensions: valid is null
            ? new Dictionary<string, object?> { ["parameter"] = parameter }
            : new Dictionary<string, object?> { ["parameter"] = parameter, ["valid"] = valid.ToList() });

    public static ProblemHttpResult UnknownMeasure(string parameter, string value, IEnumerable<string> valid) =>
        Invalid(parameter, $"'{value}' is not a measure. Use one of the names listed in 'valid', e.g. rates.membership or totals.members.", valid);
}
