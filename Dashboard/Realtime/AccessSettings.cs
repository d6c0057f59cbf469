namespace Coverage.Dashboard.Realtime;

/// <summary>Whether reads need a key: Auth:AllowAnonymousRead when set, otherwise on exactly when the demo runs.</summary>
public sealed record AccessSettings(bool AllowAnonymousRead)
{
    public static AccessSettings From(IConfiguration configuration) =>
        new(configuration.GetValue<bool?>("Auth:AllowAnonymousRead") ?? configuration.GetValue("Demo:Enabled", true));
}
