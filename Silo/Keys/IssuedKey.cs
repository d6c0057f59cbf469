namespace Coverage.Silo.Keys;

/// <summary>A newly created key with its secret, which exists only in this value and is never stored.</summary>
public sealed record IssuedKey(ApiKey Key, string Secret);
