using System.Net.Http.Headers;
using Coverage.Bench.Harness;
using Coverage.Bench.Http;

namespace Coverage.Bench.Ingest;

/// <summary>
/// Figure pushes to one target from a fixed set of clients. Each client owns a fixed set of counties and sends each a later
/// asOf than before, across every run of this load, so no push is refused as stale.
/// </summary>
public sealed class PushLoad : IDisposable
{
    private readonly IngestTarget _target;
    private readonly string[][] _owned;
    private readonly long[] _sequences;
    private readonly HttpClient _http;
    // An hour back, so asOf is never in the future and a rerun within the hour still moves every county forward.
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddHours(-1);

    public PushLoad(IngestTarget target, string[] counties, int clients)
    {
        _target = target;
        _owned = [.. Enumerable.Range(0, clients).Select(c => counties.Where((_, i) => i % clients == c).ToArray())];
        _sequences = new long[clients];
        _http = LoadClient.Create(target.BaseAddress, clients, target.Key);
    }

    public IngestTarget Target => _target;

    public int Clients => _sequences.Length;

    /// <summary>One push from the first client; the status it got.</summary>
    public Task<int> ProbeAsync() => PushAsync(0);

    public Task<LoadResult> RunAsync(TimeSpan warmup, TimeSpan round, int rounds, double? rate) =>
        LoadGenerator.RunAsync(Clients, warmup, round, rounds, rate, PushAsync,
            _target.ServerCpuSeconds is { } server ? () => CpuUse.Now(server()) : null);

    public void Dispose() => _http.Dispose();

    private Task<int> PushAsync(int client)
    {
        var sequence = _sequences[client]++;
        var code = _owned[client][sequence % _owned[client].Length];
        var request = new HttpRequestMessage(HttpMethod.Put, _target.PathFor(code))
        {
            Content = new ByteArrayContent(FiguresBody.Json(_start.AddMilliseconds(sequence), sequence))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
            },
        };
        return LoadClient.SendAsync(_http, request);
    }
}
