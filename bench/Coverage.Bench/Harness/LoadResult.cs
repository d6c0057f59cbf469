namespace Coverage.Bench.Harness;

/// <summary>Throughput per round, every measured latency (ascending) and how many answers had each status code.</summary>
public sealed record LoadResult(double[] PerSecondByRound, double[] SortedMilliseconds, IReadOnlyDictionary<int, int> Statuses)
{
    public double MedianPerSecond => Stats.Median(PerSecondByRound);

    public double P50 => Stats.Percentile(SortedMilliseconds, 50);

    public double P99 => Stats.Percentile(SortedMilliseconds, 99);

    public string Range => $"{PerSecondByRound.Min():N0}–{PerSecondByRound.Max():N0}";

    /// <summary>Status codes other than the expected one, e.g. "409×3, 0×1"; 0 stands for a failed connection.</summary>
    public string Unexpected(int expected)
    {
        var other = Statuses.Where(s => s.Key != expected).OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}").ToArray();
        return other.Length == 0 ? "none" : string.Join(", ", other);
    }
}
