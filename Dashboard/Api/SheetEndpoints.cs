using System.Globalization;
using Coverage.Contracts;
using Coverage.Dashboard.Export;
using Coverage.Grains;
using Coverage.Runtime;
using Coverage.Silo.Analytics;
using Coverage.Silo.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Coverage.Dashboard.Api;

public static class SheetEndpoints
{
    private const int DefaultUsageDays = 7;

    /// <summary>Sheets to fill in and send back: an org's figures, a county's grassroots unions, stations' daily visits, each in its import's columns.</summary>
    public static RouteGroupBuilder MapSheets(this IEndpointRouteBuilder app)
    {
        var group = app.MapOrgReads("Sheets");
        group.MapGet("/{code}/figures.csv", FiguresAsync)
            .WithSummary("A figures sheet to fill in")
            .WithDescription("The org's own figures and its direct children's (a county's grassroots unions), one row each, under the " +
                "Chinese column names figures:import reads, with a column per new-employment group. Change the figures and 截至时间 of the " +
                "rows you report and send the sheet to POST /api/v1/figures:import; rows left without figures are skipped.");
        group.MapGet("/{code}/units.csv", Units)
            .WithSummary("A county's grassroots unions as a sheet to edit")
            .WithDescription("代码,名称,类型 for each grassroots union registered under the county, the columns units:import reads. Add rows " +
                "or change names and kinds, then send the sheet to POST /api/v1/orgs/{countyCode}/units:import; unchanged rows stay as they are.");
        group.MapGet("/{code}/usage.csv", UsageAsync)
            .WithSummary("A sheet of stations' daily visits to fill in")
            .WithDescription($"编号,名称 and a column per day, the last {DefaultUsageDays} days unless days is given (1 to {Aggregate.VisitDaysKept}), today last, " +
                "for each station in the org's subtree that reports its visits by hand; smart stations count their own and are left out. " +
                "Cells hold the visits reported so far. Fill in the days you report and send the sheet to POST /api/v1/stations/usage:import.");
        group.MapGet("/{code}/targets.csv", TargetsAsync)
            .WithSummary("A sheet of the targets an org sets for its children")
            .WithDescription("代码,名称,年度, today's 当前会员人数 and 当前入会率, and a column per target measure (新增会员, 入会率 …) for each " +
                "direct child of the org, holding the targets of the year (this year unless year is given) set so far. Fill in the targets " +
                "and send the sheet to POST /api/v1/targets:import with a key of the org or above; rows left without targets are skipped.");
        return group;
    }

    private static async Task<Results<CsvResult, ProblemHttpResult>> TargetsAsync(string code, string? year, IOrgDirectory directory,
        SummaryReader reader, TargetStore targets, TimeProvider clock)
    {
        var targetYear = ChinaClock.Today(clock).Year;
        if (year is not null && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out targetYear) || !Years.Plausible(targetYear)))
            return QueryProblems.Invalid("year", $"'{year}' is not a plausible target year; use a year {Years.Range}, or leave it out for this year.");
        var children = await reader.GetManyAsync(directory.ChildrenOf(code));
        var sets = await Task.WhenAll(children.Select(c => targets.FindAsync(c.Code, targetYear)));
        return CsvTables.TargetsSheet($"{code}-targets-{targetYear}.csv", targetYear, children.Zip(sets));
    }

    private static async Task<CsvResult> FiguresAsync(string code, IOrgDirectory directory, SummaryReader reader)
    {
        var org = await reader.GetAsync(code);
        var children = await reader.GetManyAsync(directory.ChildrenOf(code));
        return CsvTables.FiguresSheet($"{code}-figures.csv", [org, .. children]);
    }

    private static async Task<Results<CsvResult, ProblemHttpResult>> UsageAsync(string code, string? days, StationIndex stations,
        IGrainFactory grains, TimeProvider clock)
    {
        var count = DefaultUsageDays;
        if (days is not null && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > Aggregate.VisitDaysKept))
            return QueryProblems.Invalid("days", $"days is a whole number from 1 to {Aggregate.VisitDaysKept}, not '{days}'; leave it out for the last {DefaultUsageDays} days.");
        var today = ChinaClock.Today(clock);
        var dates = Enumerable.Range(1 - count, count).Select(today.AddDays).ToList();
        var byHand = (await stations.SummariesAsync(await stations.IdsInSubtreeAsync(code))).Where(s => !s.Smart).ToList();
        var usage = await Task.WhenAll(byHand.Select(s => grains.GetGrain<IStationGrain>(s.Id).GetUsage()));
        return CsvTables.UsageSheet($"{code}-usage.csv", dates, byHand.Zip(usage));
    }

    private static Results<CsvResult, ProblemHttpResult> Units(string code, IOrgDirectory directory)
    {
        if (directory.Find(code)!.Level is not OrgLevel.County and var level)
            return TypedResults.Problem($"'{code}' is a {level.ToString().ToLowerInvariant()}; grassroots unions are registered under a county, so ask for a county's units.csv.",
                statusCode: StatusCodes.Status400BadRequest, title: "Not a county");
        var units = directory.ChildrenOf(code).Where(o => o.Level == OrgLevel.Grassroots);
        return CsvTables.UnitsSheet($"{code}-units.csv", units);
    }
}
