namespace Coverage.Runtime;

/// <summary>Lifecycle hooks a grain class may implement; both run inside a turn.</summary>
public interface IGrainBase
{
    Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
