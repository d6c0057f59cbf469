using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coverage.Bench.Http;

/// <summary>
/// An HTTP server run as a child process on a free loopback port, so the server and the load generator each have their
/// own runtime and thread pool, as they would in production. Killed, with its children, on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _log;
    private TextWriter? _output;

    private ServerProcess(Process process, Uri baseAddress, string log)
    {
        _process = process;
        BaseAddress = baseAddress;
        _log = log;
    }

    public Uri BaseAddress { get; }

    /// <summary>CPU seconds the server has used since it started.</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>The process's peak and current resident memory in MB, from /proc (Linux).</summary>
    public (double PeakMb, double ResidentMb) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        double Mb(string field) => long.Parse(status.Single(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        return (Mb("VmHWM"), Mb("VmRSS"));
    }

    public static async Task<ServerProcess> StartAsync(string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> settings,
        string readinessPath)
    {
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is missing; build the solution in the same configuration first.", dll);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        var log = Path.Combine(Path.GetTempPath(), "coverage-bench", $"{Path.GetFileNameWithoutExtension(dll)}-{baseAddress.Port}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, baseAddress, log);
        server.CaptureOutput();
        try
        {
            await server.WaitUntilReadyAsync(readinessPath);
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
        return server;
    }

    /// <summary>Stops the server; its log is kept only when it failed to start.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        File.Delete(_log);
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _output?.Dispose();
    }

    private void CaptureOutput()
    {
        var writer = _output = TextWriter.Synchronized(new StreamWriter(_log) { AutoFlush = true });
        _process.OutputDataReceived += (_, line) => writer.WriteLine(line.Data);
        _process.ErrorDataReceived += (_, line) => writer.WriteLine(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private async Task WaitUntilReadyAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}; see {_log}.");
            try
            {
                if ((await client.GetAsync(path)).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server did not answer {path} within 3 minutes; see {_log}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
