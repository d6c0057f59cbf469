using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>Reads need a reader key, unless Auth:AllowAnonymousRead opens them to everyone.</summary>
public sealed class ReadRequirement : IAuthorizationRequirement;

public sealed class ReadRequirementHandler(IOptionsMonitor<CoverageAuthOptions> options) : AuthorizationHandler<ReadRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadRequirement requirement)
    {
        if (options.CurrentValue.AllowAnonymousRead || context.User.IsInRole(ApiKeyAuthenticationHandler.RoleName(Silo.Keys.ApiKeyRole.Reader)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
