using System.Globalization;
using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Silo.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class AuditEndpoints
{
    public const int MaxLimit = 1000;

    /// <summary>The audit log for admins, limited to orgs in their key's subtree, paged by entry id.</summary>
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/audit", ReadAsync);
        return group;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem, ProblemHttpResult>> ReadAsync(string? orgCode, string? after,
        string? limit, ClaimsPrincipal user, IOrgDirectory directory, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new ErrorBag();
        var cursor = Number(after, "after", 0, long.MaxValue, 0, errors);
        var size = Number(limit, "limit", 1, MaxLimit, 100, errors);
        if (errors.Any)
            return Problems.Invalid(errors);
        var scope = string.IsNullOrEmpty(orgCode) ? user.OrgOf()! : orgCode;
        if (directory.Find(scope) is null)
            return Problems.UnknownOrg(scope);
        if (!user.Reaches(scope, directory))
            return Problems.OutOfScope(scope, user);
        var entries = await audit.ReadAsync(cursor, (int)size, code => directory.IsWithin(code, scope), cancellationToken);
        return TypedResults.Ok(new AuditPage(entries, entries.Count == size ? entries[^1].Id : null));
    }

    private static long Number(string? text, string name, long min, long max, long fallback, ErrorBag errors)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        errors.Add(name, $"must be a whole number from {min} to {max}.");
        return fallback;
    }

    /// <summary>One page of entries; pass <see cref="Next"/> as 'after' for the next page, null when this was the last.</summary>
    public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Next);
}
