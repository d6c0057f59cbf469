namespace Coverage.Bench.Harness;

/// <summary>Order statistics over measured values.</summary>
public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToArray(), 50);

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
