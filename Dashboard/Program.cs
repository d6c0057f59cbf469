using Coverage.Dashboard.Api;
using Coverage.Dashboard.Hosting;
using Coverage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddCoverageSilo();
builder.AddCoverageApi();

var app = builder.Build();

app.MapHealthChecks();
app.MapOrgs();
app.MapAdmin();

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
