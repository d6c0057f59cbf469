using Microsoft.Extensions.Options;

namespace Coverage.Dashboard.Auth;

/// <summary>
/// Refuses to start with a bootstrap key that could never be used. Not an options validation: Auth is read through a monitor,
/// and a reload that failed validation there would fail every request; <see cref="BootstrapKey"/> ignores such a key instead.
/// </summary>
public sealed class BootstrapKeyCheck(IOptionsMonitor<CoverageAuthOptions> auth) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => BootstrapKey.IsUsable(auth.CurrentValue.BootstrapAdminKey)
        ? Task.CompletedTask
        : throw new OptionsValidationException("Auth", typeof(CoverageAuthOptions), [BootstrapKey.Rule]);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
