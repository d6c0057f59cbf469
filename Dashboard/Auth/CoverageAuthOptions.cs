namespace Coverage.Dashboard.Auth;

/// <summary>The Auth configuration section.</summary>
public sealed class CoverageAuthOptions
{
    /// <summary>A national admin key accepted without being stored, to create the first real keys.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>Reads without a key; when not set, open only while the demo shows demo data (see <see cref="ReadAccess"/>).</summary>
    public bool? AllowAnonymousRead { get; set; }
}
