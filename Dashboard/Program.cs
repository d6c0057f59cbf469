using Coverage.Dashboard.Api;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoverageSilo();
builder.AddCoverageApi();
builder.AddCoverageAnalytics();
builder.AddCoverageOpenApi();

var app = builder.Build();

app.MapHealthChecks();
app.MapOrgs();
app.MapAdmin();
app.MapTimeSeries();
app.MapRankings();
app.MapTargets();
app.MapSearch();
app.MapStationLists();
app.MapCoverageOpenApi();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
