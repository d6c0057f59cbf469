namespace Coverage.Silo.Keys;

/// <summary>What a key may do; each role includes the ones before it.</summary>
public enum ApiKeyRole
{
    Reader,
    Writer,
    Admin,
}
