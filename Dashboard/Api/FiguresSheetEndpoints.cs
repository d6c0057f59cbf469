using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Silo.Analytics;

namespace Coverage.Dashboard.Api;

public static class FiguresSheetEndpoints
{
    /// <summary>An org's and its direct children's own figures as a sheet in the figures import's columns, to fill in and send back.</summary>
    public static RouteGroupBuilder MapFiguresSheet(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Figures");
        group.MapGet("/{code}/figures.csv", SheetAsync)
            .WithSummary("A figures sheet to fill in")
            .WithDescription("The org's own figures and its direct children's (a county's grassroots unions), one row each, under the " +
                "Chinese column names figures:import reads, with a column per new-employment group. Change the figures and 截至时间 of the " +
                "rows you report and send the sheet to POST /api/v1/figures:import; rows left without figures are skipped.");
        return group;
    }

    private static async Task<CsvResult> SheetAsync(string code, IOrgDirectory directory, SummaryReader reader)
    {
        var org = await reader.GetAsync(code);
        var children = await reader.GetManyAsync(directory.ChildrenOf(code));
        return CsvTables.FiguresSheet($"{code}-figures.csv", [org, .. children]);
    }
}
