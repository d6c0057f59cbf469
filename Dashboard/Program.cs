using Coverage.Dashboard.Api;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoverageSilo();
builder.AddCoverageApi();
builder.AddCoverageAuth();
builder.AddCoverageRateLimits();
builder.AddCoverageIngest();

var app = builder.Build();

app.UseCoverageApi();
app.UseCoverageAuth();

app.MapHealthChecks();
app.MapOrgs();
app.MapAdmin();
app.MapFigures();
app.MapUnits();
app.MapStations();
app.MapKeys();
app.MapAudit();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
