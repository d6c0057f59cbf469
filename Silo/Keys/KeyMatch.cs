namespace Coverage.Silo.Keys;

/// <summary>What a secret matched: a live key, a revoked one (whose holder is told so), or neither.</summary>
public readonly record struct KeyMatch(ApiKey? Live, RevokedKey? Revoked)
{
    public static KeyMatch None => default;
}
