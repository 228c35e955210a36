using System.Text.Json.Nodes;
using GoodwillFlow.Functions.Uploads;
using Xunit.Abstractions;

namespace GoodwillFlow.Functions.Tests.Publish;

/// <summary>What <c>dotnet publish</c> hands the Functions host: the function list with bindings, and the extensions.</summary>
[Collection(PublishedAppCollection.Name)]
public sealed class PublishedMetadataTests(PublishedFunctionsApp app, ITestOutputHelper output)
{
    public static TheoryData<string> ExpectedNames => new(ExpectedFunctions.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(ExpectedNames))]
    public void Publishes_the_function_with_exactly_its_bindings(string name)
    {
        var expected = ExpectedFunctions.All.Single(f => f.Name == name);
        var function = Assert.Single(app.Functions, f => (string?)f!["name"] == name)!;

        var bindings = function["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList();
        Assert.Equal(
            expected.Bindings.Select(b => $"{b.Type}/{b.Direction}").Order(),
            bindings.Select(b => $"{b["type"]}/{b["direction"]}").Order());
        foreach (var binding in expected.Bindings)
        {
            var actual = bindings.Single(b => (string?)b["type"] == binding.Type && (string?)b["direction"] == binding.Direction);
            foreach (var (key, value) in binding.Properties)
            {
                Assert.True(actual.ContainsKey(key), $"{name}: the {binding.Type} binding has no '{key}'.");
                Assert.Equal(value, Text(actual[key]));
            }
        }
    }

    [Fact]
    public void Publishes_no_function_that_the_table_does_not_expect()
    {
        output.WriteLine($"dotnet publish took {app.PublishTime.TotalSeconds:0.0} s.");
        Assert.Equal(
            ExpectedFunctions.All.Select(f => f.Name).Order(StringComparer.Ordinal),
            app.Functions.Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_runs_a_method_of_the_published_worker_assembly()
    {
        var assembly = typeof(ConnectionsUploadFunction).Assembly;
        Assert.NotEmpty(app.Functions);
        Assert.All(app.Functions, function =>
        {
            Assert.Equal("dotnet-isolated", (string?)function!["language"]);
            var scriptFile = (string)function["scriptFile"]!;
            Assert.Equal(assembly.GetName().Name + ".dll", scriptFile);
            Assert.True(File.Exists(Path.Combine(app.Directory, scriptFile)));

            var entryPoint = (string)function["entryPoint"]!;
            var split = entryPoint.LastIndexOf('.');
            var type = assembly.GetType(entryPoint[..split]);
            Assert.NotNull(type);
            Assert.NotNull(type.GetMethod(entryPoint[(split + 1)..]));
        });
    }

    [Fact]
    public void Registers_the_Durable_Task_and_blob_storage_extensions_with_the_host()
    {
        var extensions = app.Extensions["extensions"]!.AsArray().Select(e => e!.AsObject()).ToList();

        foreach (var name in new[] { "DurableTask", "AzureStorageBlobs" })
        {
            var extension = Assert.Single(extensions, e => (string?)e["name"] == name);
            var hintPath = (string)extension["hintPath"]!;
            Assert.True(File.Exists(Path.Combine(app.Directory, hintPath)), $"{name}: {hintPath} is not in the publish output.");
        }
    }

    [Fact]
    public void Ships_the_repository_host_json_and_no_local_settings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(app.Directory, "host.json")))!;

        Assert.Equal("2.0", (string?)host["version"]);
        Assert.Equal("GoodwillFlow", (string?)host["extensions"]!["durableTask"]!["hubName"]);
        Assert.Empty(Directory.GetFiles(app.Directory, "local.settings*.json"));
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray array => string.Join(",", array.Select(v => ((string)v!).ToLowerInvariant())),
        null => "",
        _ => node.ToString(),
    };

    [Fact]
    public void Published_app_carries_one_version_of_the_Durable_Task_libraries()
    {
        var versions = Directory.GetFiles(app.Directory, "Microsoft.DurableTask.*.dll")
            .Where(path => !Path.GetFileName(path).Contains("Analyzers", StringComparison.Ordinal)
                && !Path.GetFileName(path).Contains("LargePayload", StringComparison.Ordinal))
            .Select(path => (Name: Path.GetFileName(path), Version: System.Diagnostics.FileVersionInfo.GetVersionInfo(path).ProductVersion?.Split('+')[0]))
            .ToList();

        Assert.Contains(versions, v => v.Name == "Microsoft.DurableTask.Worker.Grpc.dll");
        Assert.True(versions.Select(v => v.Version).Distinct().Count() == 1, string.Join(", ", versions.Select(v => $"{v.Name} {v.Version}")));
    }
}
