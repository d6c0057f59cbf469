using System.Security.Claims;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class UnitEndpoints
{
    private static readonly string[] Fields = ["name", "kind"];
    private static readonly Dictionary<string, OrgKind> Kinds = new(StringComparer.Ordinal)
    {
        ["enterprise"] = OrgKind.Enterprise,
        ["joint"] = OrgKind.Joint,
        ["sector"] = OrgKind.Sector,
    };

    /// <summary>Grassroots unions registered (or renamed) under a county; each becomes an org that takes figures and rolls up.</summary>
    public static RouteGroupBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orgs/{countyCode}/units").WithTags("Units")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate)
            .AddEndpointFilter(new OrgScopeFilter("countyCode", forReads: false));
        group.MapPut("/{unitCode}", PutAsync);
        return group;
    }

    private static async Task<Results<Created<OrgSummary>, Ok<OrgSummary>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string countyCode, string unitCode, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory,
        UnitRegistration registration, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit);
        var errors = new ErrorBag();
        if (directory.Find(countyCode)!.Level != OrgLevel.County)
            errors.Add("countyCode", $"'{countyCode}' is not a county; grassroots unions register under a county.");
        if (!Codes.IsValid(unitCode))
            errors.Add("unitCode", $"must be {Codes.Rule}.");
        using var json = JsonInput.Parse(body, errors);
        var (name, kind) = json is null ? (null, null) : Read(json.RootElement, errors);
        if (errors.Any || name is null || kind is null)
            return Problems.Invalid(errors);
        var (unit, created, holder) = await registration.PutAsync(countyCode, unitCode, name, kind.Value);
        if (unit is null)
            return TypedResults.Problem(
                $"Code '{unitCode}' already belongs to {holder!.Name} ({holder.Level}{(holder.ParentCode is { } p ? $" under {p}" : "")}); choose another unit code.",
                statusCode: StatusCodes.Status409Conflict, title: "Unit code taken");
        await audit.AppendAsync(AuditPayload.For(user, unitCode, AuditActions.UnitsPut, unit));
        var summary = await grains.GetGrain<IOrgGrain>(unitCode).GetSummary();
        return created ? TypedResults.Created($"/api/v1/orgs/{unitCode}", summary) : TypedResults.Ok(summary);
    }

    private static (string? Name, OrgKind? Kind) Read(JsonElement json, ErrorBag errors)
    {
        if (!JsonInput.IsObjectWith(json, "", errors, Fields))
            return (null, null);
        var name = JsonInput.Text(json, "name", "", errors, 200);
        var kind = JsonInput.Text(json, "kind", "", errors, 32);
        if (kind is not null && !Kinds.ContainsKey(kind))
            errors.Add("kind", $"must be one of {string.Join(", ", Kinds.Keys)}.");
        return (name, kind is not null && Kinds.TryGetValue(kind, out var k) ? k : null);
    }
}
