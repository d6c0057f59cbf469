using System.Runtime.ExceptionServices;
using Coverage.Silo.Runtime;

namespace Coverage.Silo.Rollup;

/// <summary>
/// Recovery's repairs, written without waiting for each one: the group committer takes those in flight in one commit, and
/// a bound on how many are in flight keeps their payloads (a county's parts are a few hundred KB) from piling up.
/// </summary>
internal sealed class RepairWrites(IGrainStateStore store)
{
    private const int InFlight = 64;

    private readonly SemaphoreSlim _slots = new(InFlight);
    private ExceptionDispatchInfo? _failure;

    public async Task StartAsync(string stateName, string key, string payload, long expectedVersion)
    {
        await _slots.WaitAsync();
        _ = WriteAsync(stateName, key, payload, expectedVersion);
    }

    /// <summary>Completes when every repair is written; throws what the first failed one threw.</summary>
    public async Task AllWrittenAsync()
    {
        for (var slot = 0; slot < InFlight; slot++)
            await _slots.WaitAsync();
        _failure?.Throw();
    }

    private async Task WriteAsync(string stateName, string key, string payload, long expectedVersion)
    {
        try
        {
            await store.WriteAsync(stateName, key, payload, expectedVersion);
        }
        catch (Exception failure)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(failure), null);
        }
        finally
        {
            _slots.Release();
        }
    }
}
