using System.Collections.Concurrent;
using System.Security.Claims;
using Coverage.Silo.Keys;

namespace Coverage.Dashboard.Auth;

/// <summary>
/// One principal per key, made on first use: a key's id, org and role never change, and building claims on every
/// request cost more than the rest of authentication. Nothing in this app modifies a principal after sign-in.
/// </summary>
public sealed class KeyPrincipals
{
    private readonly ConcurrentDictionary<ApiKey, ClaimsPrincipal> _principals = new();

    public ClaimsPrincipal For(ApiKey key) => _principals.GetOrAdd(key, static key =>
    {
        var claims = new List<Claim> { new(CoverageClaims.KeyId, key.Id), new(CoverageClaims.Org, key.OrgCode) };
        claims.AddRange(Enum.GetValues<ApiKeyRole>().Where(r => r <= key.Role).Select(r => new Claim(ClaimTypes.Role, ApiKeyStore.Name(r))));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    });
}
