using Coverage.Dashboard.Demo;
using Coverage.Silo.Hierarchy;
using Coverage.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Coverage.Tests.Demo;

public sealed class CountyShapeTests
{
    /// <summary>A U open to the north: a bar along the south, two arms up its sides, and the hollow between them.</summary>
    private static readonly (double Lat, double Lon)[] U = [(0, 0), (0, 3), (3, 3), (3, 2), (1, 2), (1, 1), (3, 1), (3, 0)];

    [Fact]
    public void AUShapedCountysStationsFallInItsArmsAndBarNeverInItsHollow()
    {
        var shape = new CountyShape(U);
        var random = new Random(7);

        Assert.Equal((1.75, 0.5), shape.Inner);
        for (var i = 0; i < 500; i++)
        {
            var (lat, lon) = shape.PlaceNear(random, spread: 2);
            Assert.True(InU(lat, lon), $"({lat}, {lon}) is not in the U");
            Assert.InRange(lat, 0.75, 2.75);
            Assert.InRange(lon, -0.5, 1.5);
        }
    }

    [Fact]
    public async Task EveryCountyOnTheMapGetsItsDemoStationsInsideIt()
    {
        await using var app = await CoverageApp.StartAsync();
        var shapes = new CountyShapes(app.Service<IWebHostEnvironment>().WebRootFileProvider);
        var random = new Random(1);

        var counties = app.Service<OrgDirectory>().ChildrenOf(OrgDirectory.NationalCode).SelectMany(p => shapes.ForProvince(p.Code)).ToList();

        Assert.True(counties.Count > 2_800, $"only {counties.Count} county outlines found");
        foreach (var (code, shape) in counties)
        {
            Assert.True(shape.Contains(shape.Inner.Lat, shape.Inner.Lon), $"{code}'s inner point {shape.Inner} is outside it");
            for (var i = 0; i < 6; i++)
            {
                var (lat, lon) = shape.PlaceNear(random, spread: 0.08);
                Assert.True(shape.Contains(lat, lon), $"{code}'s station at ({lat}, {lon}) is outside it");
            }
        }
    }

    private static bool InU(double lat, double lon) =>
        (lat is >= 0 and <= 1 && lon is >= 0 and <= 3) || (lat is >= 1 and <= 3 && (lon is >= 0 and <= 1 || lon is >= 2 and <= 3));
}
