using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GoodwillFlow.Infra.Tests.Infrastructure;
using GoodwillFlow.Local.Engine;
using GoodwillFlow.Workflow.Configuration;
using GoodwillFlow.Workflow.Replies;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace GoodwillFlow.Infra.Tests;

/// <summary>azure.yaml, host.json, the hooks and the Functions app agree with each other and with main.bicep.</summary>
[Collection(CompiledInfrastructure.Collection)]
public sealed partial class DeploymentWiringTests(CompiledInfrastructure infra)
{
    private static readonly string[] HookScripts = ["preprovision.sh", "preprovision.ps1", "postdeploy.sh", "postdeploy.ps1"];

    [Fact]
    public void Durable_task_hub_uses_the_storage_connection_the_code_and_bicep_use()
    {
        var durable = HostJson()["extensions"]?["durableTask"];

        // The local runtime uses the same hub name, so a campaign behaves the same against Azurite and in Azure.
        Assert.Equal(LocalDurableEngine.TaskHubName, (string?)durable?["hubName"]);
        Assert.Equal("AzureStorage", (string?)durable?["storageProvider"]?["type"]);
        Assert.Equal(StorageOptions.ConnectionName, (string?)durable?["storageProvider"]?["connectionName"]);
        Assert.Contains($"{StorageOptions.ConnectionName}__credential", infra.AppSettings.Keys);
    }

    [Fact]
    public void Task_hub_name_is_one_azure_storage_accepts()
    {
        // Durable's Azure Storage backend names queues and tables after the hub: letters and digits, 3 to 45, a letter first.
        var hub = (string?)HostJson()["extensions"]?["durableTask"]?["hubName"] ?? "";

        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hub);
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_the_api_service()
    {
        var yaml = AzureYaml();

        Assert.Matches(@"(?m)^name:\s*goodwillflow\s*$", yaml);
        var service = Regex.Match(yaml, @"(?ms)^services:\s*\n\s+api:\s*\n(?<body>(?:\s{4,}.*\n)+)");
        Assert.True(service.Success, "azure.yaml has no 'api' service.");
        var body = service.Groups["body"].Value;
        Assert.Matches(@"host:\s*function", body);
        Assert.Matches(@"language:\s*dotnet", body);

        var project = Regex.Match(body, @"project:\s*(?<path>\S+)").Groups["path"].Value;
        var folder = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, project));
        Assert.True(File.Exists(Path.Combine(folder, "GoodwillFlow.Functions.csproj")), $"azure.yaml's api project {project} has no GoodwillFlow.Functions.csproj.");
    }

    [Theory]
    [InlineData("preprovision", "posix", "./infra/hooks/preprovision.sh")]
    [InlineData("preprovision", "windows", "./infra/hooks/preprovision.ps1")]
    [InlineData("postdeploy", "posix", "./infra/hooks/postdeploy.sh")]
    [InlineData("postdeploy", "windows", "./infra/hooks/postdeploy.ps1")]
    public void Azure_yaml_runs_hooks_that_exist(string hook, string platform, string script)
    {
        var section = Regex.Match(AzureYaml(), $@"(?ms)^  {hook}:\s*\n(?<body>(?:    .*\n)+)");
        Assert.True(section.Success, $"azure.yaml has no {hook} hook.");
        Assert.Matches($@"(?m)^    {platform}:\s*\n(?:      .*\n)*?      run:\s*{Regex.Escape(script)}\s*$", section.Groups["body"].Value);
        Assert.True(File.Exists(Path.GetFullPath(Path.Combine(RepositoryPaths.Root, script))), $"{script} does not exist.");
    }

    [Theory]
    [InlineData("preprovision.sh")]
    [InlineData("postdeploy.sh")]
    public void Shell_hooks_stop_on_the_first_error_and_are_executable(string script)
    {
        var path = Path.Combine(RepositoryPaths.Infra, "hooks", script);
        var text = File.ReadAllText(path);

        Assert.StartsWith("#!/usr/bin/env bash\n", text, StringComparison.Ordinal);
        Assert.Contains("\nset -euo pipefail\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n", text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{script} is not executable.");
        }
    }

    [Fact]
    public void PowerShell_hooks_stop_on_the_first_error()
    {
        foreach (var script in HookScripts.Where(s => s.EndsWith(".ps1", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "hooks", script));
            Assert.Contains("$ErrorActionPreference = 'Stop'", text, StringComparison.Ordinal);
            Assert.Contains("Set-StrictMode -Version Latest", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("postdeploy.sh")]
    [InlineData("postdeploy.ps1")]
    public void Post_deploy_hook_subscribes_blob_created_events_under_the_uploads_container(string script)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "hooks", script));

        Assert.Contains($"'/blobServices/default/containers/{StorageOptions.UploadsContainer}/'", text, StringComparison.Ordinal);
        Assert.Contains("--included-event-types Microsoft.Storage.BlobCreated", text, StringComparison.Ordinal);
        Assert.Contains("systemKeys.blobs_extension", text, StringComparison.Ordinal);
        Assert.Contains("/runtime/webhooks/blobs?functionName=Host.Functions.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_trigger_listens_on_the_uploads_container_through_event_grid_and_the_shared_connection()
    {
        var trigger = BlobTrigger();

        Assert.StartsWith($"{StorageOptions.UploadsContainer}/", trigger.Attribute.BlobPath, StringComparison.Ordinal);
        Assert.Equal(BlobTriggerSource.EventGrid, trigger.Attribute.Source);
        Assert.True(string.IsNullOrEmpty(trigger.Attribute.Connection) || trigger.Attribute.Connection == StorageOptions.ConnectionName,
            $"The blob trigger reads connection '{trigger.Attribute.Connection}', which main.bicep does not configure.");
    }

    [Theory]
    [InlineData("postdeploy.sh", @"readonly BLOB_TRIGGER_FUNCTION='(?<name>[^']+)'")]
    [InlineData("postdeploy.ps1", @"\$BlobTriggerFunction = '(?<name>[^']+)'")]
    public void Post_deploy_hook_names_the_blob_trigger_function_that_exists(string script, string pattern)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "hooks", script));
        var declared = Regex.Match(text, pattern);

        Assert.True(declared.Success, $"{script} does not declare the blob trigger's function name in one variable.");
        Assert.Equal(BlobTrigger().FunctionName, declared.Groups["name"].Value);
    }

    [Fact]
    public void Reply_page_and_inbound_outputs_use_the_routes_the_functions_serve()
    {
        var routePrefix = (string?)HostJson()["extensions"]?["http"]?["routePrefix"] ?? "api";
        var routes = HttpRoutes();
        var replyRoute = $"{routePrefix}/{routes.Single(r => r.StartsWith("r/", StringComparison.Ordinal))}";
        var inboundRoute = $"{routePrefix}/{routes.Single(r => r.StartsWith("inbound/", StringComparison.Ordinal))}";

        Assert.Equal(ReplyLinks.ReplyPageRoute, replyRoute);
        Assert.Contains($"{{0}}/{replyRoute.Replace("{token}", "", StringComparison.Ordinal)}'", (string?)infra.Main.Outputs["REPLY_PAGE_BASE_URL"]?["value"], StringComparison.Ordinal);
        Assert.Contains($"/{inboundRoute.Replace("{secret}", "<inbound-secret>", StringComparison.Ordinal)} ", (string?)infra.Main.Outputs["INBOUND_PARSE_URL_HINT"]?["value"], StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_code_reads_the_identity_settings_main_bicep_writes()
    {
        // The literal values come from main.bicep; only the endpoints and client id, known after deployment, are samples.
        var samples = new Dictionary<string, string>
        {
            ["[reference('storage').outputs.blobEndpoint.value]"] = "https://stsample.blob.core.windows.net/",
            ["[reference('storage').outputs.queueEndpoint.value]"] = "https://stsample.queue.core.windows.net/",
            ["[reference('storage').outputs.tableEndpoint.value]"] = "https://stsample.table.core.windows.net/",
            ["[reference('identity').outputs.clientId.value]"] = "00000000-0000-0000-0000-000000000001",
        };
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(infra.AppSettings
                .Where(s => s.Key.StartsWith($"{StorageOptions.ConnectionName}__", StringComparison.Ordinal))
                .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)samples.GetValueOrDefault(s.Value, s.Value))))
            .Build();

        var settings = StorageClientFactory.ReadSettings(configuration);

        Assert.False(settings.IsConnectionString);
        Assert.True(settings.UseManagedIdentity);
        Assert.Equal("00000000-0000-0000-0000-000000000001", settings.ManagedIdentityClientId);
        Assert.Equal(new Uri("https://stsample.blob.core.windows.net/"), settings.BlobServiceUri);
        Assert.Equal(new Uri("https://stsample.table.core.windows.net/"), settings.TableServiceUri);
    }

    private static List<string> HttpRoutes() =>
        Assembly.Load("GoodwillFlow.Functions").GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()?.Route))
            .OfType<string>()
            .Distinct()
            .ToList();

    private static (string FunctionName, BlobTriggerAttribute Attribute) BlobTrigger()
    {
        var functions = Assembly.Load("GoodwillFlow.Functions");
        var triggers = functions.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<BlobTriggerAttribute>()).SingleOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => (f.Function!.Name, f.Trigger!))
            .ToList();

        Assert.True(triggers.Count == 1, $"Expected one blob trigger function in GoodwillFlow.Functions, found {triggers.Count}.");
        return triggers[0];
    }

    private static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(RepositoryPaths.InRepository("host.json")))!;

    private static string AzureYaml() => File.ReadAllText(RepositoryPaths.InRepository("azure.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);
}
