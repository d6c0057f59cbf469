using System.Security.Cryptography;
using Coverage.Silo.Keys;
using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>The configured bootstrap admin key's hash, made once per configured value, so a request hashes only its own secret.</summary>
public sealed class BootstrapKey(IOptionsMonitor<CoverageAuthOptions> auth)
{
    /// <summary>Outside these bounds a key is too easily guessed, or could never match: a request's key is trimmed and refused past the longest.</summary>
    public static readonly string Rule =
        $"Auth:BootstrapAdminKey must be 16 to {ApiKeyAuthenticationHandler.MaxSecretLength} characters with no spaces, or not set at all.";

    private Hashed? _hashed;

    /// <summary>Whether the key may be configured; not setting one at all is allowed too.</summary>
    public static bool IsUsable(string? key) =>
        string.IsNullOrEmpty(key) || (key.Length >= 16 && key.Length <= ApiKeyAuthenticationHandler.MaxSecretLength && !key.Any(char.IsWhiteSpace));

    /// <summary>Whether a secret with this SHA-256 hash is the bootstrap key; compared in constant time.</summary>
    public bool Matches(byte[] secretHash)
    {
        if (auth.CurrentValue.BootstrapAdminKey is not { Length: > 0 } key)
            return false;
        var hashed = _hashed;
        if (hashed is null || !string.Equals(hashed.Key, key, StringComparison.Ordinal))
            _hashed = hashed = new Hashed(key, IsUsable(key) ? ApiKeyStore.HashOf(key) : null);
        return hashed.Hash is not null && CryptographicOperations.FixedTimeEquals(secretHash, hashed.Hash);
    }

    /// <summary>Hash is null for a key that is not usable, which a configuration reload can bring after the start's check.</summary>
    private sealed record Hashed(string Key, byte[]? Hash);
}
