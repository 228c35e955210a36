using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace GoodwillFlow.Functions.Tests.Publish;

/// <summary>
/// Runs <c>dotnet publish</c> of the Functions app once per test run (a collection fixture) into a temporary folder and reads the two files
/// the Functions host loads: <c>functions.metadata</c> (every function and its bindings) and <c>extensions.json</c>.
/// </summary>
/// <remarks>
/// It publishes in the configuration the tests were built in, so MSBuild reuses that build and only copies and
/// generates; the publish normally takes well under a minute.
/// </remarks>
public sealed class PublishedFunctionsApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private bool _keep;

    public string Directory { get; private set; } = Path.Combine(Path.GetTempPath(), "goodwill-publish-" + Guid.NewGuid().ToString("N"));

    public JsonArray Functions { get; private set; } = [];

    public JsonObject Extensions { get; private set; } = [];

    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync()
    {
        // While iterating on the tests only, GOODWILL_PUBLISHED_FUNCTIONS names a folder published earlier (never set in CI).
        if (Environment.GetEnvironmentVariable("GOODWILL_PUBLISHED_FUNCTIONS") is { Length: > 0 } published)
        {
            Directory = published;
            _keep = true;
            await ReadAsync();
            return;
        }

        var project = Path.Combine(RepositoryRoot(), "src", "GoodwillFlow.Functions", "GoodwillFlow.Functions.csproj");
        var configuration = typeof(PublishedFunctionsApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = Stopwatch.GetTimestamp();
        await RunDotnetAsync(["publish", project, "-c", configuration, "-o", Directory, "--nologo", "--disable-build-servers", "-nodeReuse:false"]);
        PublishTime = Stopwatch.GetElapsedTime(start);
        await ReadAsync();
    }

    private async Task ReadAsync()
    {
        Functions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "functions.metadata")))!.AsArray();
        Extensions = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "extensions.json")))!.AsObject();
    }

    public Task DisposeAsync()
    {
        if (_keep)
        {
            return Task.CompletedTask;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temporary folder is cleaned by the OS eventually.
        }

        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoodwillFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"GoodwillFlow.sln was not found above {AppContext.BaseDirectory}.");
    }

    private static async Task RunDotnetAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild-provided variables that would point a nested build at the wrong SDK pieces.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout}.\n{Tail(output)}");
        }

        await Task.WhenAll(stdout, stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with exit code {process.ExitCode}.\n{Tail(output)}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}
