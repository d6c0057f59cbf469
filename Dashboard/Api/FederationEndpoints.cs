using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Export;
using Coverage.Dashboard.Ingest;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class FederationEndpoints
{
    /// <summary>The kinds of federation that are not divisions, by their API names.</summary>
    private static readonly IReadOnlyDictionary<string, OrgKind> Kinds = new Dictionary<string, OrgKind>(StringComparer.Ordinal)
    {
        ["zone"] = OrgKind.Zone,
        ["industry"] = OrgKind.Industry,
    };

    private static readonly RegistrationPut.Route Route = new("code", Kinds, NameAndKind.UnknownKind(Kinds), "Org code taken");

    /// <summary>
    /// Federations that are not administrative divisions (development zones, industry unions) registered by an admin of
    /// their parent, one level below it; each takes figures, targets, keys and, at county level, grassroots unions and stations.
    /// </summary>
    public static RouteGroupBuilder MapFederations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orgs/{parentCode}").WithTags("Federations")
            .RequireAuthorization(Policies.Admin).RequireRateLimiting(Policies.WriteRate)
            .AddEndpointFilter(new OrgScopeFilter("parentCode", forReads: false));
        group.MapPut("/federations/{code}", PutAsync)
            .WithSummary("Register or rename a federation that is not a division")
            .WithDescription("Example: PUT /api/v1/orgs/450100/federations/NN-ZONE-1 {\"name\": \"南宁某开发区工会\", \"kind\": \"zone\"} → 201 and the " +
                "new org's summary: a county-level federation under 450100. kind is zone (a development zone or park) or industry (an industry " +
                "union); the level is the one below the parent's (national → province → city → county). Sent again it renames (200).");
        group.MapDelete("/federations/{code}", DeleteAsync)
            .WithSummary("Deregister a federation that is not a division")
            .WithDescription("Deregisters (注销) a federation registered under the parent that has no org below it and no station: it leaves " +
                "the tree, its figures leave the parent's totals, its keys are revoked, and its audit entry keeps its last figures. 204; " +
                "404 when the parent has no such registered federation; 409 naming what is still below it.");
        return group;
    }

    private static Task<Results<Created<OrgSummary>, Ok<OrgSummary>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string parentCode, string code, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory,
        OrgRegistration registration, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        RegistrationPut.HandleAsync(Route, code, request, directory, errors => CheckParent(parentCode, directory, errors),
            (name, kind) => registration.PutFederationAsync(parentCode, code, name, kind,
                registered => audit.StatementFor(AuditPayload.For(user, code, AuditActions.FederationsPut, registered))),
            grains, cancellationToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string parentCode, string code, HttpRequest request,
        ClaimsPrincipal user, OrgRegistration registration, AuditLog audit)
    {
        var (found, children, stations) = await registration.DeregisterFederationAsync(parentCode, code, (federation, figures, revokedKeys) =>
            audit.StatementFor(AuditPayload.For(user, federation.Code, AuditActions.FederationsDelete, new DeregisteredFederation(federation.Code,
                federation.Name, federation.Level, federation.Kind, parentCode, figures, revokedKeys))));
        if (!found)
            return Problems.Problem(StatusCodes.Status404NotFound, "Unknown federation", new(
                $"'{parentCode}' has no registered federation '{code}'; its registered federations are among /api/v1/orgs/{parentCode}/children. " +
                "Divisions from the division list are not deregistered, and grassroots unions are deregistered through …/units/{unitCode}.",
                $"“{parentCode}”下没有登记代码为“{code}”的工会组织，其下级见 /api/v1/orgs/{parentCode}/children。行政区划名录中的组织不能注销，" +
                "基层工会通过 …/units/{unitCode} 注销。"), Languages.Of(request));
        if (children > 0 || stations > 0)
            return Problems.Problem(StatusCodes.Status409Conflict, "Federation not empty", new(
                $"'{code}' still has {Counted(children, "org")} and {Counted(stations, "station")} below it. Deregister its grassroots unions " +
                $"and federations (/api/v1/orgs/{code}/children) and close its stations (/api/v1/orgs/{code}/stations) first.",
                $"“{code}”下仍有 {children} 个下级组织、{stations} 个驿站。请先注销其基层工会和下级工会组织（/api/v1/orgs/{code}/children）" +
                $"并注销其驿站（/api/v1/orgs/{code}/stations）。"), Languages.Of(request));
        return TypedResults.NoContent();
    }

    private static string Counted(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    private static void CheckParent(string parentCode, IOrgDirectory directory, ErrorBag errors)
    {
        var parent = directory.Find(parentCode)!;
        if (OrgRegistration.FederationLevelUnder(parent.Level) is null)
            errors.Add("parentCode", new(
                $"'{parentCode}' is a {parent.Level.ToString().ToLowerInvariant()} org and has no federations below it; " +
                "register a federation under the national federation, a province or a city, and grassroots unions under a county through …/units/{unitCode}.",
                $"“{parentCode}”是{CsvTables.LevelName(parent.Level)}组织，其下不设工会组织；工会组织须在全国总工会、省级或市级工会下登记，基层工会在县级工会下通过 …/units/{{unitCode}} 登记。"));
    }
}
