using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Coverage.Tests.Infrastructure;

/// <summary>The real Dashboard as a child process, so a test can SIGKILL it and start it again on the same data.</summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DashboardProcess(Process process, Uri address)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CoverageApp.AdminKey);
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A client holding the bootstrap admin key.</summary>
    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts on <paramref name="database"/>; <paramref name="settings"/> ("Section:Key") override the defaults below.</summary>
    public static async Task<DashboardProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dashboard.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__Provider"] = database.Provider.ToString();
        start.Environment["ConnectionStrings__Coverage"] = database.ConnectionString;
        start.Environment["Auth__BootstrapAdminKey"] = CoverageApp.AdminKey;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["RateLimit__WritesPerSecond"] = "100000";
        start.Environment["RateLimit__Burst"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var dashboard = new DashboardProcess(Process.Start(start)!, address);
        try
        {
            await dashboard.WaitUntilReadyAsync();
        }
        catch
        {
            await dashboard.DisposeAsync();
            throw;
        }
        return dashboard;
    }

    /// <summary>SIGKILL: the process gets no chance to flush, write behind or shut down.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            Kill();
        Client.Dispose();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Waits for the last of its output too, which carries why it stopped.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The Dashboard exited with {_process.ExitCode} while starting:\n{Output}");
            }
            try
            {
                if ((await Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The Dashboard did not become ready within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length < 100_000)
                _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
