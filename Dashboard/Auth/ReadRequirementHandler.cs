using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Authorization;

namespace Coverage.Dashboard.Auth;

/// <summary>Checks the read rule on every request, so turning anonymous reads off takes effect without a restart.</summary>
public sealed class ReadRequirementHandler(ReadAccess reads) : AuthorizationHandler<ReadRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadRequirement requirement)
    {
        if (reads.Open || context.User.IsInRole(ApiKeyAuthenticationHandler.RoleName(ApiKeyRole.Reader)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
