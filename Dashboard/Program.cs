using Coverage.Dashboard.Api;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoverageSilo();
builder.AddCoverageApi();
builder.AddCoverageAuth();
builder.AddCoverageRateLimits();
builder.AddCoverageIngest();
builder.AddCoverageRealtime();
builder.AddCoverageDemo();
builder.AddCoverageAnalytics();
builder.AddCoverageOpenApi();
builder.AddCoverageTelemetry();
builder.AddCoveragePage();

var app = builder.Build();

app.UseCoverageApi();
app.UseCoveragePage();
app.UseCoverageAuth();
app.MapHealthChecks();
app.MapInfo();
app.MapMeasures();
app.MapOrgs();
app.MapAdmin();
app.MapFigures();
app.MapSheets();
app.MapUnits();
app.MapFederations();
app.MapStations();
app.MapStationBatches();
app.MapKeys();
app.MapCurrentKey();
app.MapAudit();
app.MapTimeSeries();
app.MapRankings();
app.MapTargets();
app.MapTargetBatches();
app.MapSearch();
app.MapStationLists();
app.MapCoverageOpenApi();
app.MapCoverageHub();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
