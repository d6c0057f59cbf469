using System.Security.Claims;
using Coverage.Contracts;
using Coverage.Dashboard.Auth;
using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class CurrentKeyEndpoints
{
    /// <summary>Any key may ask whose it is, so a page can say which org it shows and offer that org's sheet.</summary>
    public static RouteGroupBuilder MapCurrentKey(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/keys").WithTags("Keys").RequireAuthorization();
        group.MapGet("/current", Current)
            .WithSummary("The key sending this request")
            .WithDescription("Example: GET /api/v1/keys/current → {\"id\":\"k_…\",\"orgCode\":\"450102\",\"orgName\":\"兴宁区\",\"role\":\"writer\"}.");
        return group;
    }

    private static Ok<CurrentKey> Current(ClaimsPrincipal user, IOrgDirectory directory)
    {
        var org = user.OrgOf()!;
        var role = Enum.GetValues<ApiKeyRole>().Last(r => user.IsInRole(ApiKeyStore.Name(r)));
        return TypedResults.Ok(new CurrentKey(user.KeyIdOf()!, org, directory.Find(org)?.Name ?? org, ApiKeyStore.Name(role)));
    }

    public sealed record CurrentKey(string Id, string OrgCode, string OrgName, string Role);
}
