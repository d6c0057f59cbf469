namespace Coverage.Silo.Keys;

/// <summary>An API key as the service knows it: never the secret, only who holds it and what it reaches.</summary>
public sealed record ApiKey(string Id, string OrgCode, ApiKeyRole Role);
