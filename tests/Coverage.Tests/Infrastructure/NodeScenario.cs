using System.Diagnostics;
using System.Text;

namespace Coverage.Tests.Infrastructure;

/// <summary>
/// Runs one scenario script from tests/browser under Node and returns what it printed; the scenario's own checks decide
/// pass or fail. A scenario can ask the test to act mid-way by printing a line (e.g. READY_TO_STOP) and waiting for a reply.
/// </summary>
public static class NodeScenario
{
    public static string ScriptsFolder => Path.Combine(RepositoryRoot, "tests", "browser");

    private static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Coverage.sln")))
                folder = folder.Parent;
            return folder?.FullName ?? throw new InvalidOperationException("Coverage.sln not found above the test output folder.");
        }
    }

    public static async Task RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout,
        Func<string, Task<string?>>? onLine = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptsFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; install Node.js.");
        var output = new StringBuilder();
        var errors = node.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await node.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                output.AppendLine(line);
                if (onLine is not null && await onLine(line) is { } reply)
                    await node.StandardInput.WriteLineAsync(reply);
            }
            await node.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not finish within {timeout.TotalSeconds:0} s.\n{output}\n{await errors}");
        }
        Assert.True(node.ExitCode == 0, $"{script} failed (exit {node.ExitCode}).\n{output}\n{await errors}");
    }
}
