using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using GoodwillFlow.Core.Email;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Local.Storage;
using GoodwillFlow.Workflow;
using GoodwillFlow.Workflow.Email;
using GoodwillFlow.Workflow.Http;
using GoodwillFlow.Workflow.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodwillFlow.RuntimeBench;

/// <summary>
/// The local runtime as <c>goodwill run</c> composes it (Azurite, the durable engine over the Azure Storage backend with
/// the same settings, and the app over <c>AddGoodwillWorkflow</c> on Kestrel), except that every storage client, the
/// app's and the engine's, carries a <see cref="TransactionCounter"/>, and sends are timed as they reach the outbox.
/// </summary>
public sealed class BenchRuntime : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly LocalDurableEngine _engine;
    private readonly WebApplication _app;
    private readonly string _dataPath;

    private BenchRuntime(AzuriteProcess azurite, LocalDurableEngine engine, WebApplication app,
        string dataPath, TransactionCounter counter, TimedSender sends, Uri baseAddress, BenchTrace trace)
    {
        Trace = trace;
        (_azurite, _engine, _app, _dataPath) = (azurite, engine, app, dataPath);
        Counter = counter;
        Sends = sends;
        BaseAddress = baseAddress;
    }

    public TransactionCounter Counter { get; }

    public TimedSender Sends { get; }

    public BenchTrace Trace { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public string ConnectionString => _azurite.ConnectionString;

    public int AzuriteTablePort => _azurite.TablePort;

    public static async Task<BenchRuntime> StartAsync(string ownerEmail, BenchTrace trace, CancellationToken cancellationToken)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "goodwill-runtime-bench-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(dataPath);
        using var quiet = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        var azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions { DataPath = Path.Combine(dataPath, "azurite") }, quiet.CreateLogger<AzuriteProcess>(), cancellationToken);
        var storage = azurite.ConnectionString;
        var counter = new TransactionCounter(azurite.BlobPort, azurite.QueuePort, azurite.TablePort, trace);

        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        var queueOptions = new QueueClientOptions();
        queueOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerRetry);

        var engineLoggers = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(trace.Enabled ? LogLevel.Debug : LogLevel.Warning).AddSimpleConsole();
            logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
            logging.AddProvider(trace.LoggerProvider());
        });

        // The local runtime's engine, over clients that count their requests.
        var engine = await LocalDurableEngine.StartAsync(
            storage,
            engineLoggers,
            cancellationToken,
            new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(storage, blobOptions),
                StorageServiceClientProvider.ForQueue(storage, queueOptions),
                StorageServiceClientProvider.ForTable(storage, tableOptions)));
        var channel = engine.Channel;

        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(trace.Enabled ? LogLevel.Debug : LogLevel.Warning);
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        builder.Logging.AddProvider(trace.LoggerProvider());
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Goodwill:OwnerEmail"] = ownerEmail,

            // "Zero cadence": every prompt is due at once (the planner needs an interval above zero).
            ["Goodwill:FixedInterval"] = "00:00:00.001",
            ["Goodwill:GracePeriod"] = "01:00:00",
            ["Goodwill:TargetCompanies"] = "Contoso,Fabrikam",
            ["Goodwill:TargetRoles"] = "engineering manager",
            ["Email:Provider"] = "Outbox",
            ["Email:OutboxPath"] = Path.Combine(dataPath, "outbox"),
            ["Email:FromAddress"] = "goodwill@localhost",
            ["Email:InboundDomain"] = "inbound.example.com",
            ["ReplyLinks:PublicBaseUrl"] = baseAddress.ToString().TrimEnd('/'),
            ["ReplyLinks:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["ReplyLinks:InboundSecret"] = "bench-inbound-secret",
        });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));

        // Registered before AddGoodwillWorkflow, which keeps earlier registrations: the app's clients count too.
        builder.Services.AddSingleton(new TableServiceClient(storage, tableOptions));
        builder.Services.AddSingleton(new BlobServiceClient(storage, blobOptions));
        builder.Services.AddSingleton<TimedSender>(sp => new TimedSender(sp.GetRequiredService<OutboxEmailSender>(), trace));
        builder.Services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<TimedSender>());
        builder.Services.AddGoodwillWorkflow(builder.Configuration);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(registry => registry.AddGoodwillTasks());
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(channel);
            client.RegisterDirectly();
        });
        var app = builder.Build();
        app.MapGoodwillEndpoints();
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<Workflow.Storage.ICampaignStore>().InitializeAsync(cancellationToken);
        await app.Services.GetRequiredService<Workflow.Storage.ICampaignFiles>().InitializeAsync(cancellationToken);
        return new BenchRuntime(azurite, engine, app, dataPath, counter, app.Services.GetRequiredService<TimedSender>(), baseAddress, trace);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Azurite's resident memory, read from /proc (Linux), or null.</summary>
    public long? AzuriteResidentBytes()
    {
        var marker = $"--tablePort\0{AzuriteTablePort}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (!cmdline.Contains(marker, StringComparison.Ordinal) || !cmdline.Contains("node", StringComparison.Ordinal))
                {
                    continue;
                }

                var rss = File.ReadLines(Path.Combine(dir, "status")).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (rss is not null)
                {
                    return long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        await _azurite.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Times every prompt as it reaches the outbox.</summary>
public sealed class TimedSender(IEmailSender inner, BenchTrace trace) : IEmailSender
{
    private readonly ConcurrentQueue<long> _sent = new();

    public bool ResendsAreDeduplicated => inner.ResendsAreDeduplicated;

    public int Count => _sent.Count;

    public IReadOnlyList<long> Timestamps => _sent.ToList();

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var result = await inner.SendAsync(message, cancellationToken);
        if (result.Status == EmailSendStatus.Sent)
        {
            _sent.Enqueue(Stopwatch.GetTimestamp());
            trace.Add($"SENT prompt {_sent.Count}");
        }

        return result;
    }
}
