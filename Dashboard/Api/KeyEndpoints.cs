using System.Security.Claims;
using System.Text.Json;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Dashboard.Ingest;
using Coverage.Dashboard.Realtime;
using Coverage.Silo.Audit;
using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class KeyEndpoints
{
    private static readonly string[] Fields = ["orgCode", "role"];

    /// <summary>Admins issue keys for orgs in their subtree (the secret is shown once), list them and revoke them.</summary>
    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Keys").RequireAuthorization(Policies.Admin);
        group.MapPost("/keys", CreateAsync).RequireRateLimiting(Policies.WriteRate);
        group.MapDelete("/keys/{id}", RevokeAsync).RequireRateLimiting(Policies.WriteRate);
        group.MapGet("/keys", ListAsync)
            .WithSummary("Keys of an org's subtree, oldest first")
            .WithDescription("Example: GET /api/v1/keys?orgCode=450100 → {\"items\":[{\"id\":\"k_…\",\"orgCode\":\"450102\",\"role\":\"writer\"," +
                "\"createdAt\":\"…\",\"revokedAt\":null,\"lastUsedAt\":\"…\"}],\"total\":1}: the live keys held in Nanning and below it, each with when " +
                "it last authenticated a request (to the minute; null if never). orgCode defaults to the key's " +
                "org; revoked=true lists revoked keys too; order=desc lists the newest first. Secrets are never shown again. limit (default 100, at most 5000) and offset page the list.");
        return group;
    }

    private static async Task<Results<Ok<Page<KeyListing>>, ProblemHttpResult>> ListAsync(string? orgCode, string? revoked, string? order,
        string? limit, string? offset, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.Parse(limit, offset, wholeListByDefault: false);
        if (problem is not null)
            return problem;
        if (revoked is not (null or "" or "true" or "false"))
            return QueryProblems.Invalid("revoked", $"revoked is true or false, not '{revoked}'.", ["true", "false"]);
        if (order is not (null or "" or "asc" or "desc"))
            return QueryProblems.Invalid("order", $"'{order}' is not an order; use asc (oldest first) or desc (newest first).", ["asc", "desc"]);
        var (scope, outOfScope) = SubtreeScope.Resolve(orgCode, user, directory, Languages.Of(request));
        if (outOfScope is not null)
            return outOfScope;
        var listed = (await keys.ListAsync(SubtreeScope.CodesOf(scope, directory), revoked == "true", cancellationToken))
            .Where(k => directory.IsWithin(k.OrgCode, scope))
            .ToList();
        if (order == "desc")
            listed.Reverse();
        return TypedResults.Ok(new Page<KeyListing>(paging.Apply(listed).ToList(), listed.Count));
    }

    private static async Task<Results<Created<CreatedKey>, ValidationProblem, ProblemHttpResult>> CreateAsync(HttpRequest request,
        ClaimsPrincipal user, IOrgDirectory directory, ApiKeyStore keys, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await RequestBody.ReadAsync(request, FigureEndpoints.SingleLimit, cancellationToken) is not { } body)
            return Problems.TooLarge(FigureEndpoints.SingleLimit, Languages.Of(request));
        var errors = new ErrorBag(Languages.Of(request));
        using var json = JsonInput.Parse(body, errors);
        var (orgCode, role) = json is null ? (null, null) : Read(json.RootElement, errors);
        if (errors.Any || orgCode is null || role is null)
            return Problems.Invalid(errors);
        if (SubtreeScope.Resolve(orgCode, user, directory, errors.Language).Problem is { } outOfScope)
            return outOfScope;
        if (await keys.CreateAsync(orgCode, role.Value, key => audit.StatementFor(AuditPayload.For(user, orgCode, AuditActions.KeysCreate,
            new { key.Id, orgCode, Role = ApiKeyStore.Name(role.Value) }))) is not { } issued)
            return Problems.WriteDropped(orgCode, directory, errors.Language);
        var created = new CreatedKey(issued.Key.Id, issued.Secret, orgCode, ApiKeyStore.Name(role.Value));
        return TypedResults.Created($"/api/v1/keys/{created.Id}", created);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, HttpRequest request, ClaimsPrincipal user, IOrgDirectory directory,
        ApiKeyStore keys, KeyedConnections connections, AuditLog audit)
    {
        var key = ApiKeyStore.CouldBeId(id) ? await keys.FindByIdAsync(id) : null;
        if (key is null)
            return Problems.Problem(StatusCodes.Status404NotFound, "Unknown key", new($"No live key has id '{id}'.", $"没有编号为“{id}”的有效密钥。"),
                Languages.Of(request));
        if (!user.Reaches(key.OrgCode, directory))
            return Problems.OutOfScope(key.OrgCode, user, Languages.Of(request));
        await keys.RevokeAsync(id, audit.StatementFor(AuditPayload.For(user, key.OrgCode, AuditActions.KeysRevoke, new { key.Id })));
        connections.CloseAll(id);
        return TypedResults.NoContent();
    }

    private static (string? OrgCode, ApiKeyRole? Role) Read(JsonElement json, ErrorBag errors)
    {
        if (!JsonInput.IsObjectWith(json, "", errors, Fields))
            return (null, null);
        var orgCode = JsonInput.Text(json, "orgCode", "", errors, 64);
        var role = JsonInput.Text(json, "role", "", errors, 16);
        var parsed = Enum.GetValues<ApiKeyRole>().Where(r => ApiKeyStore.Name(r) == role).Select(r => (ApiKeyRole?)r).FirstOrDefault();
        if (role is not null && parsed is null)
            errors.Add("role", new("must be one of reader, writer, admin.", "必须是 reader、writer、admin 之一。"));
        return (orgCode, parsed);
    }

    /// <summary>A new key: <see cref="Key"/> is the secret, shown only in this answer.</summary>
    public sealed record CreatedKey(string Id, string Key, string OrgCode, string Role);
}
