using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.Local.Storage;

/// <summary>
/// A running Azurite (blob, queue and table emulator) on free loopback ports, installed from npm on first use.
/// Dispose stops it with SIGINT (it ignores SIGTERM) so it flushes its data files.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly bool _adopted;
    private readonly bool _inMemory;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, ILogger logger, bool adopted = false, bool inMemory = false)
    {
        _adopted = adopted;
        _inMemory = inMemory;
        _process = process;
        _logger = logger;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Gets the blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Gets the queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Gets the table service port.</summary>
    public int TablePort { get; }

    /// <summary>Gets a storage connection string for this instance (the public development account).</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Installs Azurite if needed, starts it on free ports and waits until every service accepts connections.</summary>
    /// <exception cref="InvalidOperationException">Node.js or npm is missing, the install failed, or Azurite did not start; the message says which.</exception>
    public static async Task<AzuriteProcess> StartAsync(AzuriteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);

        var entryPoint = await EnsureInstalledAsync(options.ResolvedInstallPath, logger, timeout.Token);
        Directory.CreateDirectory(options.DataPath);
        var pidFile = Path.Combine(options.DataPath, "azurite.pid");
        if (await TryAdoptOrphanAsync(pidFile, options.DataPath, logger, timeout.Token) is { } adopted)
        {
            return adopted;
        }

        await StopOrphanAsync(pidFile, options.DataPath, logger);

        // Ports are picked free and then released; Azurite can lose a race for one, so try a few times.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
            // --disableTelemetry: on SIGINT Azurite saves its data in about a second, then its telemetry client keeps
            // the process alive for 8 to 90 s trying to send a "stopped" event (longest with no network), which every
            // demo and run waited out. It also keeps the owner's machine from reporting to anyone.
            List<string> arguments = [
                entryPoint, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--disableProductStyleUrl",
                "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            ];

            // Azurite refuses a data location beside in-memory persistence.
            arguments.AddRange(options.InMemory ? ["--inMemoryPersistence"] : ["--location", options.DataPath]);

            var process = Start("node", arguments);
            var azurite = new AzuriteProcess(process, blob, queue, table, logger, inMemory: options.InMemory);
            if (await azurite.WaitForPortsAsync(timeout.Token))
            {
                await File.WriteAllTextAsync(pidFile, $"{process.Id} {blob} {queue} {table}", timeout.Token);
                LogStarted(logger, blob, queue, table);
                return azurite;
            }

            var error = await process.StandardError.ReadToEndAsync(timeout.Token);
            await azurite.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start: {FirstLine(error)}");
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_inMemory && !_process.HasExited)
            {
                // Nothing to save: its data dies with it either way.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            else if (!_process.HasExited)
            {
                _ = SendInterrupt(_process.Id);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }

            LogStopped(_logger);
        }
        catch (InvalidOperationException)
        {
            // The process was never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>
    /// Takes over an Azurite left running on this data folder by a run that was killed (it holds the newest state in
    /// memory), instead of restarting it. Returns null when there is none, or it does not answer.
    /// </summary>
    private static async Task<AzuriteProcess?> TryAdoptOrphanAsync(string pidFile, string dataPath, ILogger logger, CancellationToken cancellationToken)
    {
        if (await FindOrphanAsync(pidFile, dataPath) is not { } found)
        {
            return null;
        }

        try
        {
            var orphan = new AzuriteProcess(Process.GetProcessById(found.Pid), found.Blob, found.Queue, found.Table, logger, adopted: true);
            using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            probe.CancelAfter(TimeSpan.FromSeconds(5));
            if (await orphan.WaitForPortsAsync(probe.Token))
            {
                LogAdopted(logger, found.Pid);
                return orphan;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OperationCanceledException)
        {
            // Gone, or not answering: the caller stops it and starts a new one.
        }

        return null;
    }

    /// <summary>
    /// Stops an Azurite left running on this data folder that could not be taken over, so two emulators never write the
    /// same files.
    /// </summary>
    private static async Task StopOrphanAsync(string pidFile, string dataPath, ILogger logger)
    {
        if (await FindOrphanAsync(pidFile, dataPath) is { } found)
        {
            try
            {
                LogOrphan(logger, found.Pid);
                using var orphan = Process.GetProcessById(found.Pid);

                // SIGINT first: Azurite saves its in-memory metadata on the way out; a hard kill would lose its last seconds of writes.
                SendInterrupt(found.Pid);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await orphan.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    orphan.Kill(entireProcessTree: true);
                    await orphan.WaitForExitAsync();
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone already.
            }
        }

        File.Delete(pidFile);
    }

    /// <summary>
    /// Reads the pid file (<c>pid blobPort queuePort tablePort</c>) and returns its process when that process is still
    /// Azurite on this data folder: after a reboot the pid can belong to anything.
    /// </summary>
    private static async Task<(int Pid, int Blob, int Queue, int Table)?> FindOrphanAsync(string pidFile, string dataPath)
    {
        try
        {
            var parts = (await File.ReadAllTextAsync(pidFile)).Split(' ');
            if (parts.Length != 4 || !parts.All(p => int.TryParse(p, out _)))
            {
                return null;
            }

            var pid = int.Parse(parts[0]);
            var commandLine = (await File.ReadAllTextAsync($"/proc/{pid}/cmdline")).Replace('\0', ' ');
            return commandLine.Contains("azurite", StringComparison.Ordinal) && commandLine.Contains(dataPath, StringComparison.Ordinal)
                ? (pid, int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]))
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No pid file, or the process is gone.
            return null;
        }
    }

    private static async Task<string> EnsureInstalledAsync(string installPath, ILogger logger, CancellationToken cancellationToken)
    {
        var entryPoint = Path.Combine(installPath, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(entryPoint))
        {
            return entryPoint;
        }

        Directory.CreateDirectory(installPath);

        // Several test processes can start at once: one installs, the others wait for its lock.
        await using var installLock = await AcquireLockAsync(Path.Combine(installPath, ".install.lock"), cancellationToken);
        if (File.Exists(entryPoint))
        {
            return entryPoint;
        }

        LogInstalling(logger, AzuriteOptions.PinnedVersion);
        await File.WriteAllTextAsync(
            Path.Combine(installPath, "package.json"),
            $$$"""{"name":"goodwillflow-azurite","private":true,"dependencies":{"azurite":"{{{AzuriteOptions.PinnedVersion}}}"}}""",
            cancellationToken);
        using var npm = Start("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", installPath]);
        var stderr = npm.StandardError.ReadToEndAsync(cancellationToken);
        _ = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !File.Exists(entryPoint))
        {
            throw new InvalidOperationException(
                $"Installing Azurite {AzuriteOptions.PinnedVersion} with npm failed (exit {npm.ExitCode}): {FirstLine(await stderr)}");
        }

        return entryPoint;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static Process Start(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{fileName}' was not found. GoodwillFlow runs storage locally with Azurite, which needs Node.js 20 or later and npm on the PATH.", e);
        }
    }

    private async Task<bool> WaitForPortsAsync(CancellationToken cancellationToken)
    {
        if (!_adopted)
        {
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
        }

        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    return false;
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }

        return true;
    }


    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";

    private static bool SendInterrupt(int processId)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // SIGINT lets Azurite flush its data files; it ignores SIGTERM.
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", $"{processId}"]) { UseShellExecute = false });
        kill?.WaitForExit(5000);
        return kill?.ExitCode == 0;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Installing Azurite {Version} from npm (first run only)")]
    private static partial void LogInstalling(ILogger logger, string version);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Azurite started: blob {BlobPort}, queue {QueuePort}, table {TablePort}")]
    private static partial void LogStarted(ILogger logger, int blobPort, int queuePort, int tablePort);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Taking over the Azurite (process {ProcessId}) left running on this data folder by an earlier run")]
    private static partial void LogAdopted(ILogger logger, int processId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Stopping an Azurite (process {ProcessId}) left running on this data folder by an earlier run")]
    private static partial void LogOrphan(ILogger logger, int processId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Azurite stopped")]
    private static partial void LogStopped(ILogger logger);
}
