using Coverage.Dashboard.Api;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoverageSilo();
builder.AddCoverageApi();
builder.AddCoverageRealtime();
builder.AddCoverageDemo();
builder.AddCoverageAnalytics();
builder.AddCoverageOpenApi();

var app = builder.Build();

app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealthChecks();
app.MapInfo();
app.MapOrgs();
app.MapAdmin();
app.MapCoverageHub();
app.MapTimeSeries();
app.MapRankings();
app.MapTargets();
app.MapSearch();
app.MapStationLists();
app.MapCoverageOpenApi();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
