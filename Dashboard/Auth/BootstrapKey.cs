using System.Security.Cryptography;
using Coverage.Silo.Keys;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>The configured bootstrap admin key's hash, made once per configured value, so a request hashes only its own secret.</summary>
public sealed class BootstrapKey(IOptionsMonitor<CoverageAuthOptions> auth)
{
    private Hashed? _hashed;

    /// <summary>Whether a secret with this SHA-256 hash is the bootstrap key; compared in constant time.</summary>
    public bool Matches(byte[] secretHash)
    {
        if (auth.CurrentValue.BootstrapAdminKey is not { Length: > 0 } key)
            return false;
        var hashed = _hashed;
        if (hashed is null || !string.Equals(hashed.Key, key, StringComparison.Ordinal))
            _hashed = hashed = new Hashed(key, ApiKeyStore.HashOf(key));
        return CryptographicOperations.FixedTimeEquals(secretHash, hashed.Hash);
    }

    private sealed record Hashed(string Key, byte[] Hash);
}
