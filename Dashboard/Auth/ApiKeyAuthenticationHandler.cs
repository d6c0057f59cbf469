using System.Text.Encodings.Web;
using Coverage.Silo.Hierarchy;
using Coverage.Silo.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>Bearer API keys (or ?access_token= under /hubs/, where browsers cannot set headers) become claims for key, org and roles.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    KeyPrincipals principals,
    BootstrapKey bootstrap,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string BootstrapKeyId = "bootstrap";

    /// <summary>Longer than any key this service issues; longer values are refused without a lookup.</summary>
    public const int MaxSecretLength = 256;

    public static string RoleName(ApiKeyRole role) => ApiKeyStore.Name(role);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SecretFromRequest() is not { } secret)
            return AuthenticateResult.NoResult();
        if (secret.Length is 0 or > MaxSecretLength)
            return AuthenticateResult.Fail("The API key is malformed.");
        var hash = ApiKeyStore.HashOf(secret);
        var key = bootstrap.Matches(hash) ? new ApiKey(BootstrapKeyId, OrgDirectory.NationalCode, ApiKeyRole.Admin) : await keys.FindByHashAsync(hash);
        if (key is null)
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        return AuthenticateResult.Success(new AuthenticationTicket(principals.For(key), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var detail = Request.Headers.Authorization.Count == 0 && !Request.Query.ContainsKey("access_token")
            ? "Send an API key as 'Authorization: Bearer <key>'."
            : "The API key is unknown, revoked or malformed.";
        await WriteProblemAsync("Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync("Forbidden", "The API key's role does not allow this; reads need reader, writes and the audit log writer, keys and the consistency check admin.");
    }

    private Task WriteProblemAsync(string title, string detail) => problems.WriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail },
    }).AsTask();

    private string? SecretFromRequest()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header["Bearer ".Length..].Trim();
        if (header.Length > 0)
            return "";
        var isHub = Request.Path.StartsWithSegments("/hubs") || Request.PathBase.Add(Request.Path).StartsWithSegments("/hubs");
        return isHub && Request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }
}
