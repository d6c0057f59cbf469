namespace Coverage.Dashboard.Demo;

public sealed class DemoOptions
{
    /// <summary>Fill an empty database with demo figures and keep them moving. Never touches a database with real data.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>County and station updates the simulator pushes per second.</summary>
    public int UpdatesPerSecond { get; set; } = 20;

    /// <summary>Demo stations per county; the real density is about 60, fewer keep the demo light.</summary>
    public int StationsPerCounty { get; set; } = 6;

    public int Seed { get; set; } = 2026;
}
