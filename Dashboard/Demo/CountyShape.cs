namespace Coverage.Dashboard.Demo;

/// <summary>A county's outline as one ring of (lat, lon) points, for placing demo stations inside it.</summary>
public sealed class CountyShape((double Lat, double Lon)[] ring)
{
    private const int Tries = 20;

    /// <summary>
    /// A point inside the county: the mean of its outline's points when that lies inside, which it need not for a crescent
    /// or a coast; otherwise the middle of the widest stretch of the county along that point's latitude.
    /// </summary>
    public (double Lat, double Lon) Inner { get; } = InnerPointOf(ring);

    /// <summary>A point inside the county within <paramref name="spread"/> degrees of <see cref="Inner"/>, rounded to 5 decimals (about a metre).</summary>
    public (double Lat, double Lon) PlaceNear(Random random, double spread)
    {
        for (var i = 0; i < Tries; i++)
        {
            var lat = Math.Round(Inner.Lat + ((random.NextDouble() - 0.5) * spread), 5);
            var lon = Math.Round(Inner.Lon + ((random.NextDouble() - 0.5) * spread), 5);
            if (Contains(lat, lon))
                return (lat, lon);
        }
        return Inner;
    }

    public bool Contains(double lat, double lon) => IsInside(CrossingsAt(ring, lat), lon);

    /// <summary>Even-odd rule: a point is inside when the outline crosses its latitude east of it an odd number of times.</summary>
    private static bool IsInside(IEnumerable<double> crossings, double lon) => crossings.Count(x => x > lon) % 2 == 1;

    /// <summary>The longitudes where the outline crosses a latitude.</summary>
    private static IEnumerable<double> CrossingsAt((double Lat, double Lon)[] ring, double lat)
    {
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (a, b) = (ring[i], ring[j]);
            if ((a.Lat > lat) != (b.Lat > lat))
                yield return ((b.Lon - a.Lon) * (lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon;
        }
    }

    private static (double Lat, double Lon) InnerPointOf((double Lat, double Lon)[] ring)
    {
        var mean = (Lat: Math.Round(ring.Average(p => p.Lat), 5), Lon: Math.Round(ring.Average(p => p.Lon), 5));
        var crossings = CrossingsAt(ring, mean.Lat).Order().ToArray();
        if (IsInside(crossings, mean.Lon) || crossings.Length < 2)
            return mean;
        // Between the first and second crossing, the third and fourth, and so on, the latitude runs inside the county.
        var widest = Enumerable.Range(0, crossings.Length / 2).MaxBy(k => crossings[(2 * k) + 1] - crossings[2 * k]);
        return (mean.Lat, Math.Round((crossings[2 * widest] + crossings[(2 * widest) + 1]) / 2, 5));
    }
}
