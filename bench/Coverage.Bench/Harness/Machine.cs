namespace Coverage.Bench.Harness;

/// <summary>What the machine was doing, printed next to every figure: results on a shared box mean little without it.</summary>
public static class Machine
{
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static string Describe() =>
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {Load()}, .NET {Environment.Version}";
}
