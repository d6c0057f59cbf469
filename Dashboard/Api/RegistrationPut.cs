using Coverage.Contracts;
using Coverage.Dashboard.Ingest;
using Coverage.Grains;
using Coverage.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

/// <summary>
/// How an org is registered or renamed by a PUT of its name and kind: the body read, the route's org and code checked, the
/// registration made, and the org's summary answered (201 when it is new), or 409 naming the org that holds the code.
/// </summary>
public static class RegistrationPut
{
    private static readonly string[] Fields = ["name", "kind"];

    /// <summary>What differs between routes: the route name of the code, the kinds taken, and the title of the 409 for a taken code.</summary>
    public sealed record Route(string CodeName, IReadOnlyDictionary<string, OrgKind> Kinds, Message UnknownKind, string TakenTitle);

    public static async Task<Results<Created<OrgSummary>, Ok<OrgSummary>, ValidationProblem, ProblemHttpResult>> HandleAsync(Route route,
        string code, HttpRequest request, IOrgDirectory directory, Action<ErrorBag> check, Func<string, OrgKind, Task<(OrgInfo? Org, bool Created, OrgInfo? Holder)>> register,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit, Languages.Of(request));
        var errors = new ErrorBag(Languages.Of(request));
        check(errors);
        if (!Codes.IsValid(code))
            errors.Add(route.CodeName, Codes.Invalid);
        using var json = JsonInput.Parse(body, errors);
        var (name, kind) = json is null ? (null, null) : NameAndKind.Read(json.RootElement, "", errors, Fields, route.Kinds, route.UnknownKind);
        if (errors.Any || name is null || kind is null)
            return Problems.Invalid(errors);
        var (org, created, holder) = await register(name, kind.Value);
        if (org is null)
            return Problems.CodeTaken(route.TakenTitle, code, holder!, directory, errors.Language);
        var summary = await grains.GetGrain<IOrgGrain>(code).GetSummary();
        return created ? TypedResults.Created($"/api/v1/orgs/{code}", summary) : TypedResults.Ok(summary);
    }
}
