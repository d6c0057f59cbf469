using Coverage.Dashboard.Auth;
using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Coverage.Dashboard.Hosting;

public static class AuthServiceCollectionExtensions
{
    /// <summary>Bearer API keys (Auth:BootstrapAdminKey, Auth:AllowAnonymousRead) and the read, write and admin policies.</summary>
    public static IHostApplicationBuilder AddCoverageAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CoverageAuthOptions>().Bind(builder.Configuration.GetSection("Auth"));
        services.AddHostedService<BootstrapKeyCheck>();
        services.AddSingleton<ReadAccess>();
        services.AddSingleton<KeyPrincipals>();
        services.AddSingleton<BootstrapKey>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ReadRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, policy => policy.AddRequirements(new ReadRequirement()))
            .AddPolicy(Policies.Write, policy => policy.RequireRole(ApiKeyAuthenticationHandler.RoleName(ApiKeyRole.Writer)))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(ApiKeyAuthenticationHandler.RoleName(ApiKeyRole.Admin)));
        return builder;
    }

    /// <summary>Who is calling, what they may do, and how fast they may write, in that order.</summary>
    public static WebApplication UseCoverageAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
