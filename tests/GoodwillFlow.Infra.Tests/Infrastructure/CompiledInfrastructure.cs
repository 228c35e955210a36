using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GoodwillFlow.Infra.Tests.Infrastructure;

/// <summary>Builds and lints infra/main.bicep once for every test in the collection (each CLI run takes seconds).</summary>
public sealed partial class CompiledInfrastructure : IAsyncLifetime
{
    public const string Collection = "Compiled infrastructure";

    private ArmTemplate? _main;

    public BicepRun Build { get; private set; } = new(-1, "", "");

    public BicepRun Lint { get; private set; } = new(-1, "", "");

    /// <summary>Gets the compiled main template; throws with Bicep's diagnostics when the build failed.</summary>
    public ArmTemplate Main => _main ?? throw new InvalidOperationException($"bicep build failed:\n{Build.Diagnostics}");

    /// <summary>Gets the module that declares the function app.</summary>
    public ArmTemplate FunctionAppModule =>
        Main.Modules.Single(m => m.ResourcesOfType("Microsoft.Web/sites").Any());

    public JsonObject FunctionApp => FunctionAppModule.ResourcesOfType("Microsoft.Web/sites").Single();

    /// <summary>
    /// Gets the app settings by name, each with the expression that sets it: main.bicep's literal object passed to the
    /// module, plus the settings the module adds itself with <c>union(parameters('appSettings'), createObject(...))</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var module = FunctionAppModule;
            var config = module.ResourcesOfType("Microsoft.Web/sites/config")
                .Single(r => ((string?)r["name"])?.Contains("'appsettings'", StringComparison.Ordinal) == true);
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (config["properties"])
            {
                case JsonObject literal:
                    foreach (var (key, value) in literal)
                    {
                        settings[key] = value?.ToJsonString() ?? "";
                    }

                    break;
                case JsonValue expression:
                    var text = expression.GetValue<string>();
                    foreach (var parameter in ParameterReference().Matches(text).Select(m => m.Groups["name"].Value))
                    {
                        if (module.ModuleParameterValue(parameter) is JsonObject passed)
                        {
                            foreach (var (key, value) in passed)
                            {
                                settings[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                            }
                        }
                    }

                    foreach (Match added in CreateObjectKey().Matches(text))
                    {
                        settings[added.Groups["key"].Value] = text;
                    }

                    break;
            }

            return settings;
        }
    }

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", RepositoryPaths.MainBicep, "--stdout");
        if (Build.ExitCode == 0)
        {
            _main = new ArmTemplate((JsonObject)JsonNode.Parse(Build.StandardOutput)!);
        }

        Lint = await BicepCli.RunAsync("lint", RepositoryPaths.MainBicep);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"parameters\('(?<name>[^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"createObject\('(?<key>[^']+)'")]
    private static partial Regex CreateObjectKey();
}

[CollectionDefinition(CompiledInfrastructure.Collection)]
public sealed class CompiledInfrastructureCollection : ICollectionFixture<CompiledInfrastructure>;
