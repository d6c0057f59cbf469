using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Runtime;
using Coverage.Silo.Audit;
using Coverage.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class UnitEndpoints
{
    private static readonly RegistrationPut.Route Route = new("unitCode", UnitReader.Kinds, UnitReader.UnknownKind, "Unit code taken");

    /// <summary>Grassroots unions registered (or renamed) under a county; each becomes an org that takes figures and rolls up.</summary>
    public static RouteGroupBuilder MapUnits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orgs/{countyCode}").WithTags("Units")
            .RequireAuthorization(Policies.Write).RequireRateLimiting(Policies.WriteRate)
            .AddEndpointFilter(new OrgScopeFilter("countyCode", forReads: false));
        group.MapPut("/units/{unitCode}", PutAsync);
        group.MapPost("/units:batch", BatchAsync)
            .WithDescription($"Registers or renames up to {FiguresJsonBatch.MaxItems} grassroots unions of the county at once: " +
                "[{\"code\", \"name\", \"kind\"}], all of them or none.");
        group.MapPost("/units:import", ImportAsync)
            .WithDescription("The same as text/csv: a header row code,name,kind, then one row per unit; errors name the row and column.");
        group.MapDelete("/units/{unitCode}", DeleteAsync)
            .WithDescription("Deregisters a grassroots union (注销): it leaves the tree, its figures leave the county's totals, its keys are " +
                "revoked, and its audit entry keeps its last figures and the keys revoked. 204; 404 when the county has no such unit.");
        group.MapPost("/units:batchDelete", BatchDeleteAsync)
            .WithDescription($"Deregisters up to {FiguresJsonBatch.MaxItems} of the county's grassroots unions at once: [\"XN-0001\", …], all of " +
                "them or none; answers {\"deregistered\"}, or 404 naming each code the county has no unit of.");
        return group;
    }

    private static Task<Results<Created<OrgSummary>, Ok<OrgSummary>, ValidationProblem, ProblemHttpResult>> PutAsync(
        string countyCode, string unitCode, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory,
        OrgRegistration registration, IGrainFactory grains, AuditLog audit, CancellationToken cancellationToken) =>
        RegistrationPut.HandleAsync(Route, unitCode, request, directory, errors => CheckCounty(countyCode, directory, errors),
            (name, kind) => registration.PutAsync(countyCode, unitCode, name, kind,
                registered => audit.StatementFor(AuditPayload.For(user, unitCode, AuditActions.UnitsPut, registered))),
            grains, cancellationToken);

    private static Task<Results<Ok<UnitsBatchResult>, ValidationProblem, ProblemHttpResult>> BatchAsync(string countyCode, HttpRequest request,
        ClaimsPrincipal user, IOrgDirectory directory, OrgRegistration registration, AuditLog audit, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, (json, errors) => UnitsJsonBatch.Read(json, errors),
            (items, errors) => ApplyAsync(countyCode, items, errors, AuditActions.UnitsBatch, user, directory, registration, audit), cancellationToken);

    private static Task<Results<Ok<UnitsBatchResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(string countyCode, HttpRequest request,
        ClaimsPrincipal user, IOrgDirectory directory, OrgRegistration registration, AuditLog audit, CancellationToken cancellationToken) =>
        BatchBody.FromCsvAsync(request, UnitsCsv.Read,
            (items, errors) => ApplyAsync(countyCode, items, errors, AuditActions.UnitsImport, user, directory, registration, audit), cancellationToken);

    private static async Task<Results<Ok<UnitsBatchResult>, ValidationProblem, ProblemHttpResult>> ApplyAsync(string countyCode,
        IReadOnlyList<UnitItem> items, ErrorBag errors, string action, ClaimsPrincipal user, IOrgDirectory directory, OrgRegistration registration,
        AuditLog audit)
    {
        CheckCounty(countyCode, directory, errors);
        if (errors.Any)
            return Problems.Invalid(errors);
        var (counts, taken) = await registration.PutManyAsync(countyCode, items,
            unit => audit.StatementFor(AuditPayload.For(user, unit.Code, action, unit)));
        if (taken.Count == 0)
            return TypedResults.Ok(counts);
        var conflicts = errors.Sibling();
        foreach (var (item, holder) in taken)
            conflicts.Add(item.Path, Problems.TakenBy(item.Code, holder, directory));
        return Problems.Rejected(conflicts, StatusCodes.Status409Conflict, "Unit codes taken", new(
            $"The batch was not applied: {(taken.Count == 1 ? "one of its codes belongs" : $"{taken.Count} of its codes belong")} to other orgs. " +
            "Choose other codes for those listed in 'errors'.",
            $"本批未导入：其中 {taken.Count} 个代码已属于其他组织。请为 errors 所列各项另选代码。"));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string countyCode, string unitCode, HttpRequest request,
        ClaimsPrincipal user, OrgRegistration registration, AuditLog audit)
    {
        var (_, unknown) = await registration.DeregisterUnitsAsync(countyCode, [unitCode], Audited(user, AuditActions.UnitsDelete, audit));
        return unknown.Count > 0
            ? Problems.Problem(StatusCodes.Status404NotFound, "Unknown unit", NoUnit(countyCode, unitCode), Languages.Of(request))
            : TypedResults.NoContent();
    }

    private static Task<Results<Ok<UnitsDeregistered>, ValidationProblem, ProblemHttpResult>> BatchDeleteAsync(string countyCode, HttpRequest request,
        ClaimsPrincipal user, OrgRegistration registration, AuditLog audit, CancellationToken cancellationToken) =>
        BatchBody.FromJsonAsync(request, (json, errors) => CodesJsonBatch.Read(json, errors, new("a unit's code", "基层工会代码")),
            async (IReadOnlyList<BatchCode> codes, ErrorBag errors) =>
        {
            if (errors.Any)
                return (Results<Ok<UnitsDeregistered>, ValidationProblem, ProblemHttpResult>)Problems.Invalid(errors);
            var (deregistered, unknown) = await registration.DeregisterUnitsAsync(countyCode, [.. codes.Select(c => c.Code)],
                Audited(user, AuditActions.UnitsBatchDelete, audit));
            if (unknown.Count == 0)
                return TypedResults.Ok(new UnitsDeregistered(deregistered));
            var missing = errors.Sibling();
            foreach (var code in codes.Where(c => unknown.Contains(c.Code)))
                missing.Add(code.Path, NoUnit(countyCode, code.Code));
            return Problems.Rejected(missing, StatusCodes.Status404NotFound, "Unknown units", new(
                $"The batch was not applied: {unknown.Count} of its codes are not grassroots unions of {countyCode}. Remove those listed in 'errors'.",
                $"本批未注销：其中 {unknown.Count} 个代码不是 {countyCode} 的基层工会。请去掉 errors 所列各项。"));
        }, cancellationToken);

    private static Func<OrgInfo, Figures?, IReadOnlyList<string>, Statement> Audited(ClaimsPrincipal user, string action, AuditLog audit) =>
        (unit, figures, revokedKeys) => audit.StatementFor(AuditPayload.For(user, unit.Code, action,
            new DeregisteredUnit(unit.Code, unit.Name, unit.Kind, unit.ParentCode!, figures, revokedKeys)));

    private static Message NoUnit(string countyCode, string unitCode) => new(
        $"'{countyCode}' has no grassroots union '{unitCode}'; its units are listed at /api/v1/orgs/{countyCode}/children.",
        $"“{countyCode}”下没有代码为“{unitCode}”的基层工会；其基层工会见 /api/v1/orgs/{countyCode}/children。");

    private static void CheckCounty(string countyCode, IOrgDirectory directory, ErrorBag errors)
    {
        if (directory.Find(countyCode)!.Level != OrgLevel.County)
            errors.Add("countyCode", new($"'{countyCode}' is not a county; grassroots unions register under a county.", $"“{countyCode}”不是县级工会；基层工会须在县级工会下登记。"));
    }
}
