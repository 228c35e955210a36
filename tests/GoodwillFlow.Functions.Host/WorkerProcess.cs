using System.Collections.Concurrent;
using System.Diagnostics;

namespace GoodwillFlow.Functions.Host;

/// <summary>
/// The published worker as a child process, started the way the Functions host starts a <c>dotnet-isolated</c> worker:
/// command-line switches for the gRPC endpoint and ids, app settings as environment variables.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private WorkerProcess(Process process, ConcurrentQueue<string> output)
    {
        _process = process;
        _output = output;
    }

    public IReadOnlyCollection<string> Output => _output;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(FunctionsTestHostOptions options, Uri hostEndpoint, string workerId, string requestId)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = options.AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The switches the host passes (Microsoft.Azure.Functions.Worker maps them to Functions:Worker:*).
        foreach (var argument in new[]
        {
            Path.Combine(options.AppDirectory, options.WorkerAssembly),
            "--functions-uri", hostEndpoint.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        // A test run's MSBuild and test-platform variables are not the host's; app settings and the host's own are.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = options.AppDirectory;
        info.Environment["FUNCTIONS_WORKER_DIRECTORY"] = options.AppDirectory;
        info.Environment["AzureWebJobsStorage"] = options.StorageConnectionString;
        info.Environment["AzureFunctionsJobHost__Logging__Console__IsEnabled"] = "false";
        foreach (var (key, value) in options.Settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException("The worker process did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, output);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it will be reaped with the test process.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 2000 && output.TryDequeue(out _))
        {
        }
    }
}
