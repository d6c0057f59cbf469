using System.Globalization;
using System.Text.Encodings.Web;
using Coverage.Contracts;
using Coverage.Dashboard.Ingest;
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
    IOrgDirectory directory,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string BootstrapKeyId = "bootstrap";

    /// <summary>Longer than any key this service issues; longer values are refused without a lookup.</summary>
    public const int MaxSecretLength = 256;

    /// <summary>The title of a 401 for a key that was revoked, which the pages tell apart from a mistyped key.</summary>
    public const string RevokedTitle = "Revoked API key";

    /// <summary>The revoked key this request presented, if any: its holder is told when and whom to ask for a new one.</summary>
    private RevokedKey? _revoked;

    public static string RoleName(ApiKeyRole role) => ApiKeyStore.Name(role);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (SecretFromRequest() is not { } secret)
            return AuthenticateResult.NoResult();
        if (secret.Length is 0 or > MaxSecretLength)
            return AuthenticateResult.Fail("The API key is malformed.");
        var hash = ApiKeyStore.HashOf(secret);
        var match = bootstrap.Matches(hash)
            ? new KeyMatch(new ApiKey(BootstrapKeyId, OrgDirectory.NationalCode, ApiKeyRole.Admin), null)
            : await keys.FindByHashAsync(hash);
        _revoked = match.Revoked;
        if (match.Live is not { } key)
            return AuthenticateResult.Fail(_revoked is null ? "The API key is unknown." : "The API key was revoked.");
        if (key.Id != BootstrapKeyId)
            keys.Used(key);
        return AuthenticateResult.Success(new AuthenticationTicket(principals.For(key), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        if (_revoked is { } revoked)
        {
            await WriteProblemAsync(RevokedTitle, RevokedDetail(revoked));
            return;
        }
        var detail = Request.Headers.Authorization.Count == 0 && !Request.Query.ContainsKey("access_token")
            ? new Message("Send an API key as 'Authorization: Bearer <key>'.", "请以“Authorization: Bearer <密钥>”发送 API 密钥。")
            : new Message("The API key is unknown, revoked or malformed.", "API 密钥不存在、已吊销或格式不对。");
        await WriteProblemAsync("Unauthorized", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync("Forbidden", new("The API key's role does not allow this; reads need reader, writes and the audit log writer, keys and the consistency check admin.",
            "此密钥的角色无权这样做：读取需要读取密钥，写入和上报记录需要写入密钥，密钥管理和一致性检查需要管理密钥。"));
    }

    /// <summary>Only the secret's holder reads this, so naming the key, its org and the time gives nothing away.</summary>
    private Message RevokedDetail(RevokedKey key)
    {
        var at = key.RevokedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var beijing = ChinaClock.Stamp(key.RevokedAt);
        if (directory.FindDeregistered(key.OrgCode) is { } gone)
        {
            var parent = Named(gone.ParentCode ?? OrgDirectory.NationalCode);
            return new($"API key '{key.Id}' was revoked at {at}; its org '{key.OrgCode}' ({gone.Name}) has been deregistered, and its keys go with it. " +
                $"Keys for the orgs below {parent.En} are issued by an admin of it or of an org above it.",
                $"API 密钥“{key.Id}”已于北京时间 {beijing} 吊销：其所属组织“{key.OrgCode}”（{gone.Name}）已注销，密钥随之吊销。" +
                $"{parent.Zh}下级组织的密钥由{parent.Zh}或其上级的管理员发放。");
        }
        var org = Named(key.OrgCode);
        return new($"API key '{key.Id}' was revoked at {at} and cannot be used again. Ask an admin of {org.En} or of an org above it for a new key.",
            $"API 密钥“{key.Id}”已于北京时间 {beijing} 吊销，不能再使用。请向{org.Zh}或其上级组织的管理员申请新的密钥。");
    }

    private (string En, string Zh) Named(string code) => directory.Find(code) is { } org
        ? ($"'{code}' ({org.Name})", $"“{code}”（{org.Name}）")
        : ($"'{code}'", $"“{code}”");

    private Task WriteProblemAsync(string title, Message detail) => problems.WriteAsync(new ProblemDetailsContext
    {
        HttpContext = Context,
        ProblemDetails = { Status = Response.StatusCode, Title = title, Detail = detail.In(Languages.Of(Request)) },
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
