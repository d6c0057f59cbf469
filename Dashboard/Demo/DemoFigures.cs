using Coverage.Contracts;

namespace Coverage.Dashboard.Demo;

/// <summary>
/// Plausible figures at national magnitudes (DOMAIN.md): about 380 million workers and 300 million members over some
/// 3,000 counties, 84 million new-employment workers with about one in eight a member, membership rates varying by province.
/// </summary>
public sealed class DemoFigures(int seed)
{
    private static readonly (string Group, double Share)[] GroupShares =
    [
        ("truckDriver", 0.20), ("rideHailing", 0.14), ("courier", 0.18), ("foodDelivery", 0.20), ("careWorker", 0.05),
        ("domestic", 0.09), ("mallSales", 0.04), ("estateAgent", 0.05), ("securityGuard", 0.05),
    ];

    private readonly Random _random = new(seed);
    private readonly Dictionary<string, double> _provinceRates = [];

    public Random Random => _random;

    public Figures ForCounty(string provinceCode, DateTimeOffset asOf, double scale = 1)
    {
        var rate = _provinceRates.TryGetValue(provinceCode, out var known) ? known : _provinceRates[provinceCode] = Between(0.66, 0.9);
        var employees = (long)(LogNormal(105_000, 0.6) * scale);
        var members = (long)(employees * Math.Clamp(rate + Between(-0.08, 0.06), 0.3, 0.98));
        var required = Math.Max(1, employees / (long)Between(90, 160));
        var workers = employees * 0.21;
        var groupRate = Between(0.06, 0.2);
        var newEmployment = GroupShares.ToDictionary(g => g.Group, g =>
        {
            var groupWorkers = (long)(workers * g.Share * Between(0.6, 1.4));
            return new GroupFigures(groupWorkers, (long)(groupWorkers * Math.Clamp(groupRate + Between(-0.05, 0.08), 0.01, 0.6)));
        });
        return new Figures(asOf, employees, members, (long)(members * Between(0.72, 0.96)), required,
            (long)(required * Between(0.7, 0.97)), newEmployment);
    }

    /// <summary>
    /// A small step of the kind a county reports from day to day: members, verified members and new-employment members up
    /// or down by a few, units now and then, as often down as up. The map keeps moving, and a demo left running for days
    /// stays near the year's path its history and targets were made on (a step every few minutes adding dozens would carry
    /// every county past its targets within hours).
    /// </summary>
    public Figures Step(Figures current, DateTimeOffset asOf)
    {
        var members = Math.Clamp(current.Members + _random.Next(-40, 41), 0, current.Employees);
        var newEmployment = current.NewEmployment.ToDictionary(g => g.Key, g =>
            g.Value with { Members = Math.Clamp(g.Value.Members + _random.Next(-4, 5), 0, g.Value.Workers) });
        var unitStep = _random.Next(40) switch { 0 => -1, 1 => 1, _ => 0 };
        return current with
        {
            AsOf = asOf,
            Members = members,
            VerifiedMembers = Math.Clamp(current.VerifiedMembers + _random.Next(-40, 41), 0, members),
            UnitsUnionized = Math.Clamp(current.UnitsUnionized + unitStep, 0, current.UnitsRequired),
            NewEmployment = newEmployment,
        };
    }

    public double Between(double low, double high) => low + (_random.NextDouble() * (high - low));

    private double LogNormal(double median, double sigma)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }
}
