using System.Diagnostics;

namespace Coverage.Bench.Harness;

/// <summary>
/// CPU seconds used by the server under test, by every PostgreSQL process on the machine and by this load generator. On
/// two shared cores a target's throughput is what these three leave each other, so a run shows where its time went.
/// </summary>
public readonly record struct CpuUse(double Server, double Database, double LoadGenerator)
{
    public static CpuUse operator -(CpuUse after, CpuUse before) =>
        new(after.Server - before.Server, after.Database - before.Database, after.LoadGenerator - before.LoadGenerator);

    public static CpuUse operator +(CpuUse a, CpuUse b) => new(a.Server + b.Server, a.Database + b.Database, a.LoadGenerator + b.LoadGenerator);

    public static CpuUse Now(double serverSeconds)
    {
        using var self = Process.GetCurrentProcess();
        return new(serverSeconds, PostgresSeconds(), self.TotalProcessorTime.TotalSeconds);
    }

    /// <summary>Microseconds per request, as "server / PostgreSQL / load generator".</summary>
    public string PerRequest(int requests)
    {
        string Micro(double seconds) => $"{seconds * 1e6 / requests:0}";
        return requests == 0 ? "—" : $"{Micro(Server)} / {Micro(Database)} / {Micro(LoadGenerator)}";
    }

    /// <summary>
    /// From /proc, since PostgreSQL backends rewrite their command line and so do not go by their name in .NET's process list.
    /// </summary>
    private static double PostgresSeconds()
    {
        // /proc counts in USER_HZ, which Linux fixes at 100 for user space whatever the kernel's own tick.
        const double TicksPerSecond = 100;
        var total = 0.0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                // The process ended after the listing.
                continue;
            }
            // "pid (comm) state ppid …": utime and stime are the 12th and 13th fields after the command's closing parenthesis.
            var close = stat.LastIndexOf(')');
            if (close < 0 || !stat.AsSpan(0, close).EndsWith("(postgres", StringComparison.Ordinal))
                continue;
            var fields = stat[(close + 2)..].Split(' ');
            total += (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
        }
        return total;
    }
}
