namespace Coverage.Dashboard.Auth;

/// <summary>Names of the authorization and rate-limit policies endpoints opt into.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public const string WriteRate = "writes";
}
