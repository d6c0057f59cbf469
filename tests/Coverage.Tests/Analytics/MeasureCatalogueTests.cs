using System.Text.Json;
using Coverage.Tests.Infrastructure;

namespace Coverage.Tests.Analytics;

public sealed class MeasureCatalogueTests
{
    [Fact]
    public async Task TheCatalogueNamesEachMeasureAsTheExportsDo()
    {
        await using var app = await AnalyticsApp.StartAsync();

        var catalogue = (await app.GetAsync<JsonElement>("/api/v1/measures")).EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!);
        var export = await app.GetCsvAsync("/api/v1/orgs/450100/children.csv");

        Assert.Equal("入会率", catalogue["rates.membership"].GetProperty("label").GetString());
        Assert.Equal("ratio", catalogue["rates.membership"].GetProperty("unit").GetString());
        Assert.Equal("count", catalogue["totals.stationVisits.today"].GetProperty("unit").GetString());
        Assert.True(catalogue["rates.newEmploymentByGroup.courier"].GetProperty("hasHistory").GetBoolean());
        Assert.False(catalogue["attainment.newMembers"].GetProperty("hasHistory").GetBoolean());
        Assert.All(["totals.members", "totals.stations", "totals.stationVisits.today", "rates.membership"], name =>
            Assert.Contains(catalogue[name].GetProperty("label").GetString(), export.Header));
    }
}
