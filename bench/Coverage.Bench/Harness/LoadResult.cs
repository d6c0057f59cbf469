namespace Coverage.Bench.Harness;

/// <summary>
/// Throughput per round, every measured latency (ascending), how many answers had each status code, and the CPU used
/// over the measured rounds when the run was given a way to read it.
/// </summary>
public sealed record LoadResult(double[] PerSecondByRound, double[] SortedMilliseconds, IReadOnlyDictionary<int, int> Statuses, CpuUse? Cpu = null)
{
    public double MedianPerSecond => Stats.Median(PerSecondByRound);

    public double P50 => Stats.Percentile(SortedMilliseconds, 50);

    public double P99 => Stats.Percentile(SortedMilliseconds, 99);

    /// <summary>Runs of one load as if they were rounds of one run.</summary>
    public static LoadResult Combine(IReadOnlyList<LoadResult> runs) => new(
        [.. runs.SelectMany(r => r.PerSecondByRound)],
        [.. runs.SelectMany(r => r.SortedMilliseconds).Order()],
        runs.SelectMany(r => r.Statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)),
        runs.All(r => r.Cpu is not null) ? runs.Aggregate(default(CpuUse), (sum, r) => sum + r.Cpu!.Value) : null);

    /// <summary>CPU µs per measured request, "server / PostgreSQL / load generator", or "—" when not measured.</summary>
    public string CpuPerRequest => Cpu is { } cpu ? cpu.PerRequest(SortedMilliseconds.Length) : "—";

    public string Range => $"{PerSecondByRound.Min():N0}–{PerSecondByRound.Max():N0}";

    /// <summary>Status codes other than the expected one, e.g. "409×3, 0×1"; 0 stands for a failed connection.</summary>
    public string Unexpected(int expected)
    {
        var other = Statuses.Where(s => s.Key != expected).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}").ToArray();
        return other.Length == 0 ? "none" : string.Join(", ", other);
    }
}
