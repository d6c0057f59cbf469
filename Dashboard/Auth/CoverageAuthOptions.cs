namespace Coverage.Dashboard.Auth;

/// <summary>The Auth configuration section.</summary>
public sealed class CoverageAuthOptions
{
    /// <summary>A national admin key accepted without being stored, to create the first real keys.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Reads without a key: as configured, otherwise only while the demo is on, since real figures are not public.</summary>
    public bool AllowAnonymousRead { get; set; }
}
