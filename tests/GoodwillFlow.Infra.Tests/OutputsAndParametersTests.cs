using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GoodwillFlow.Infra.Tests.Infrastructure;
using GoodwillFlow.Workflow.Replies;

namespace GoodwillFlow.Infra.Tests;

[Collection(CompiledInfrastructure.Collection)]
public sealed partial class OutputsAndParametersTests(CompiledInfrastructure infra)
{
    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("AZURE_FUNCTION_APP_URL")]
    [InlineData("SERVICE_API_ENDPOINTS")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("REPLY_PAGE_BASE_URL")]
    [InlineData("INBOUND_PARSE_URL_HINT")]
    public void Deployment_outputs_what_the_readme_next_steps_need(string output)
    {
        Assert.True(infra.Main.Outputs.ContainsKey(output), $"main.bicep has no output {output}.");
    }

    [Fact]
    public void Every_azd_value_the_hooks_read_is_an_output_or_a_parameter_mapping()
    {
        var mapped = ParameterFile().Select(p => p.Variable).ToHashSet(StringComparer.Ordinal);
        foreach (var hook in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Infra, "hooks")))
        {
            var text = File.ReadAllText(hook);
            // AZURE_CLIENT_ID is the pipeline's own sign-in variable, read only to tell a service principal from a person.
            foreach (var name in AzdValue().Matches(text).Select(m => m.Value).Distinct().Where(n => n != "AZURE_CLIENT_ID"))
            {
                Assert.True(infra.Main.Outputs.ContainsKey(name) || mapped.Contains(name),
                    $"{Path.GetFileName(hook)} reads {name}, which neither main.bicep outputs nor main.parameters.json maps.");
            }
        }
    }

    [Fact]
    public void No_output_reveals_a_secret_value()
    {
        foreach (var template in infra.Main.SelfAndModules)
        {
            var secure = template.SecureParameterNames.ToList();
            foreach (var (name, output) in template.Outputs)
            {
                var expression = output?["value"]?.ToJsonString() ?? "";
                Assert.True(secure.TrueForAll(p => !expression.Contains($"parameters('{p}')", StringComparison.Ordinal)),
                    $"Output {name} of {template.ModuleName ?? "main"} reads a secure parameter.");
                Assert.False(ListFunction().IsMatch(expression), $"Output {name} of {template.ModuleName ?? "main"} calls a list*() function, which returns keys.");
            }
        }
    }

    [Fact]
    public void Inbound_parse_hint_shows_where_the_secret_is_without_the_secret()
    {
        var hint = (string?)infra.Main.Outputs["INBOUND_PARSE_URL_HINT"]?["value"] ?? "";

        Assert.Contains("/api/inbound/<inbound-secret>", hint, StringComparison.Ordinal);
        Assert.Contains("az keyvault secret show", hint, StringComparison.Ordinal);
        Assert.DoesNotContain("inboundSecret", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Reply_page_base_url_matches_the_route_the_app_serves()
    {
        var routePrefix = ReplyLinks.ReplyPageRoute[..ReplyLinks.ReplyPageRoute.IndexOf("{token}", StringComparison.Ordinal)];
        var expression = (string?)infra.Main.Outputs["REPLY_PAGE_BASE_URL"]?["value"] ?? "";

        Assert.Contains($"{{0}}/{routePrefix}'", expression, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_parameter_is_mapped_from_the_azd_environment()
    {
        var mapped = ParameterFile().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var declared = infra.Main.Parameters.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(declared.Order(), mapped.Order());
    }

    [Theory]
    [InlineData("ownerEmail", "AZURE_OWNER_EMAIL")]
    [InlineData("senderEmail", "AZURE_SENDER_EMAIL")]
    [InlineData("timeZone", "AZURE_TIME_ZONE")]
    [InlineData("sendgridApiKey", "SENDGRID_API_KEY")]
    [InlineData("replySigningKey", "REPLY_SIGNING_KEY")]
    [InlineData("inboundSecret", "INBOUND_SECRET")]
    public void Azd_fills_parameters_from_documented_environment_values(string parameter, string variable)
    {
        Assert.Contains((parameter, variable), ParameterFile());
    }

    [Theory]
    [InlineData("ownerEmail")]
    [InlineData("senderEmail")]
    [InlineData("timeZone")]
    public void Azd_asks_for_what_only_the_owner_knows(string parameter)
    {
        // azd prompts for a parameter with no default whose environment value is unset.
        Assert.Null(infra.Main.Parameters[parameter]?["defaultValue"]);
    }

    [Fact]
    public void SendGrid_key_may_be_left_empty_as_the_readme_says_so_azd_up_no_prompt_deploys_without_email()
    {
        // A secure parameter without a default makes `azd up --no-prompt` fail; the README promises an empty key works.
        Assert.Equal("", (string?)infra.Main.Parameters["sendgridApiKey"]?["defaultValue"]);
        Assert.Contains(("sendgridApiKey", "SENDGRID_API_KEY"), ParameterFile());
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains("If the SendGrid key is left empty, the app deploys without email", readme, StringComparison.Ordinal);
        Assert.Contains("azd env set SENDGRID_API_KEY", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Always_ready_durable_instance_is_an_azd_setting_off_by_default_and_its_cost_is_in_the_readme()
    {
        Assert.Equal(0, (int?)infra.Main.Parameters["durableAlwaysReadyInstances"]?["defaultValue"]);
        Assert.Contains(("durableAlwaysReadyInstances", "GOODWILL_DURABLE_ALWAYS_READY"), ParameterFile());
        var alwaysReady = infra.FunctionApp["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!.ToJsonString();
        Assert.Contains("durable", alwaysReady, StringComparison.Ordinal);
        Assert.Contains("durableAlwaysReadyInstances", alwaysReady, StringComparison.Ordinal);
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains("GOODWILL_DURABLE_ALWAYS_READY", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Durable_queue_polling_backs_off_at_most_10_seconds_as_flex_consumption_needs()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!;
        var interval = TimeSpan.Parse((string)host["extensions"]!["durableTask"]!["storageProvider"]!["maxQueuePollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Secure_parameters_have_no_default_except_a_generated_or_empty_one()
    {
        foreach (var template in infra.Main.SelfAndModules)
        {
            foreach (var name in template.SecureParameterNames)
            {
                var defaultValue = (string?)template.Parameters[name]?["defaultValue"];
                Assert.True(defaultValue is null or "" || defaultValue.Contains("newGuid()", StringComparison.Ordinal),
                    $"Secure parameter {name} of {template.ModuleName ?? "main"} has a fixed default.");
            }
        }
    }

    [Fact]
    public void Generated_signing_key_holds_at_least_32_bytes_of_entropy()
    {
        var defaultValue = (string?)infra.Main.Parameters["replySigningKey"]?["defaultValue"];

        // Each v4 GUID carries 122 random bits; two give 244, and base64 keeps the app's "base64, 32+ bytes" contract.
        Assert.Equal("[base64(format('{0}{1}', newGuid(), newGuid()))]", defaultValue);
    }

    private static List<(string Name, string Variable)> ParameterFile()
    {
        var parameters = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "main.parameters.json")))!["parameters"]!;
        return parameters
            .Select(p => (p.Key, Reference: (string?)p.Value?["value"] ?? ""))
            .Select(p => (p.Key, AzdReference().Match(p.Reference) is { Success: true } m ? m.Groups["name"].Value : ""))
            .ToList();
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)(=[^}]*)?\}$")]
    private static partial Regex AzdReference();

    [GeneratedRegex(@"\bAZURE_[A-Z0-9_]+\b|\bREPLY_SIGNING_KEY\b|\bINBOUND_SECRET\b")]
    private static partial Regex AzdValue();

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunction();
}
