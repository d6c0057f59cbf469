using System.Collections.Concurrent;

namespace Coverage.Dashboard.Ingest;

/// <summary>
/// Station registrations under way, by the org each names: a federation being deregistered waits for those that found
/// it registered, so none is left naming it. Registrations do not wait on each other.
/// </summary>
public sealed class StationArrivals
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);

    private readonly ConcurrentDictionary<string, int> _arriving = new(StringComparer.Ordinal);

    /// <summary>Taken before the registration looks its orgs up, and disposed once its stations are stored.</summary>
    public IDisposable Enter(IEnumerable<string> orgCodes)
    {
        var codes = orgCodes.Distinct(StringComparer.Ordinal).ToList();
        foreach (var code in codes)
            _arriving.AddOrUpdate(code, 1, (_, count) => count + 1);
        // The directory is read after this: a deregistration that removes the org first then sees the count.
        Interlocked.MemoryBarrier();
        return new Lease(this, codes);
    }

    /// <summary>Completes once no registration that may have found the org registered is still under way.</summary>
    public async Task SettledAsync(string orgCode)
    {
        Interlocked.MemoryBarrier();
        while (_arriving.TryGetValue(orgCode, out var count) && count > 0)
            await Task.Delay(Poll);
    }

    private void Leave(IEnumerable<string> codes)
    {
        foreach (var code in codes)
        {
            if (_arriving.AddOrUpdate(code, 0, (_, count) => count - 1) == 0)
                _arriving.TryRemove(KeyValuePair.Create(code, 0));
        }
    }

    private sealed class Lease(StationArrivals arrivals, IReadOnlyList<string> codes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                arrivals.Leave(codes);
        }
    }
}
