using System.Text.Json;
using System.Text.Json.Nodes;
using GoodwillFlow.Infra.Tests.Infrastructure;

namespace GoodwillFlow.Infra.Tests;

[Collection(CompiledInfrastructure.Collection)]
public sealed class BicepCompilationTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Main_template_builds_without_errors()
    {
        Assert.True(infra.Build.ExitCode == 0, $"bicep build failed:\n{infra.Build.Diagnostics}");
        Assert.DoesNotContain(": Error ", infra.Build.StandardError, StringComparison.Ordinal);
        Assert.Equal("https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
            (string?)infra.Main.Root["$schema"]);
    }

    [Fact]
    public void Linter_reports_no_errors_and_no_warnings()
    {
        Assert.True(infra.Lint.ExitCode == 0, $"bicep lint failed:\n{infra.Lint.Diagnostics}");
        Assert.True(infra.Lint.Diagnostics.Length == 0, $"bicep lint reported:\n{infra.Lint.Diagnostics}");
    }

    [Theory]
    [InlineData("secure-parameter-default")]
    [InlineData("outputs-should-not-contain-secrets")]
    [InlineData("no-hardcoded-env-urls")]
    [InlineData("use-secure-value-for-secure-inputs")]
    [InlineData("secure-secrets-in-params")]
    [InlineData("no-unused-params")]
    [InlineData("no-unused-vars")]
    [InlineData("prefer-interpolation")]
    [InlineData("no-hardcoded-location")]
    [InlineData("use-resource-symbol-reference")]
    [InlineData("what-if-short-circuiting")]
    public void Linter_treats_important_rules_as_errors(string rule)
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "bicepconfig.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

        Assert.Equal("error", (string?)config["analyzers"]?["core"]?["rules"]?[rule]?["level"]);
    }

    [Fact]
    public void Modules_are_local_files_because_registries_are_unreachable_offline()
    {
        var sources = Directory.EnumerateFiles(RepositoryPaths.Infra, "*.bicep", SearchOption.AllDirectories);

        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            Assert.False(text.Contains("'br:", StringComparison.Ordinal) || text.Contains("'br/", StringComparison.Ordinal) || text.Contains("'ts:", StringComparison.Ordinal) || text.Contains("'ts/", StringComparison.Ordinal),
                $"{Path.GetRelativePath(RepositoryPaths.Root, source)} references a registry module.");
        }
    }
}
