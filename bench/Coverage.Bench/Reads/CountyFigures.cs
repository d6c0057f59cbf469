using Coverage.Contracts;

namespace Coverage.Bench.Reads;

/// <summary>Deterministic, plausible figures for the i-th county, so the grains and the SQL table hold the same numbers.</summary>
public static class CountyFigures
{
    public static Figures For(int index, DateTimeOffset asOf)
    {
        var employees = 20_000L + index * 7_919L % 60_000;
        var members = employees * (55 + index % 40) / 100;
        var unitsRequired = 300L + index * 31L % 900;
        return new Figures(asOf, employees, members, members * (70 + index % 25) / 100, unitsRequired, unitsRequired * (60 + index % 35) / 100,
            new Dictionary<string, GroupFigures> { ["courier"] = new(1_000 + index % 500, 400 + index % 300) });
    }
}
