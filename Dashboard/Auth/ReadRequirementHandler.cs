using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>Checks the option on every request, so turning anonymous reads off takes effect without a restart.</summary>
public sealed class ReadRequirementHandler(IOptionsMonitor<CoverageAuthOptions> options) : AuthorizationHandler<ReadRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadRequirement requirement)
    {
        if (options.CurrentValue.AllowAnonymousRead || context.User.IsInRole(ApiKeyAuthenticationHandler.RoleName(ApiKeyRole.Reader)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
