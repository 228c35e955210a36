using System.Text.Json.Nodes;
using GoodwillFlow.Infra.Tests.Infrastructure;

namespace GoodwillFlow.Infra.Tests;

[Collection(CompiledInfrastructure.Collection)]
public sealed class FunctionAppTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_a_linux_flex_consumption_FC1_plan()
    {
        var plan = infra.FunctionAppModule.ResourcesOfType("Microsoft.Web/serverfarms").Single();
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.True((bool?)plan["properties"]?["reserved"], "A Linux plan must be reserved.");

        var app = infra.FunctionApp;
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        var runtime = app["properties"]?["functionAppConfig"]?["runtime"];
        Assert.Equal("dotnet-isolated", (string?)runtime?["name"]);
        Assert.Equal("10.0", (string?)runtime?["version"]);
    }

    [Fact]
    public void Flex_consumption_scale_sets_instance_memory_and_a_maximum_instance_count()
    {
        var scale = infra.FunctionApp["properties"]?["functionAppConfig"]?["scaleAndConcurrency"];

        Assert.NotNull(scale?["instanceMemoryMB"]);
        Assert.NotNull(scale?["maximumInstanceCount"]);
        var memory = infra.FunctionAppModule.ModuleParameterValue("instanceMemoryMB")?.GetValue<int>();
        Assert.Contains(memory, new int?[] { 512, 2048, 4096 });
        Assert.InRange(infra.FunctionAppModule.ModuleParameterValue("maximumInstanceCount")?.GetValue<int>() ?? 0, 1, 1000);
    }

    [Fact]
    public void App_runs_as_the_user_assigned_identity_for_deployment_and_key_vault_references()
    {
        var app = infra.FunctionApp;
        Assert.Equal("UserAssigned", (string?)app["identity"]?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)app["properties"]?["keyVaultReferenceIdentity"]);

        var storage = app["properties"]?["functionAppConfig"]?["deployment"]?["storage"];
        Assert.Equal("blobContainer", (string?)storage?["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage?["authentication"]?["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)storage?["authentication"]?["userAssignedIdentityResourceId"]);
        Assert.Equal("[reference('identity').outputs.id.value]", (string?)infra.FunctionAppModule.ModuleParameterValue("identityId"));
    }

    [Fact]
    public void Deployment_package_goes_to_its_own_container_in_the_storage_account()
    {
        var url = (string?)infra.FunctionAppModule.ModuleParameterValue("deploymentContainerUrl");
        Assert.Equal("[format('{0}{1}', reference('storage').outputs.blobEndpoint.value, variables('deploymentContainerName'))]", url);

        var containers = infra.Main.Module("storage").ModuleParameterValue("containerNames")!.AsArray().Select(c => (string?)c);
        Assert.Contains("[variables('deploymentContainerName')]", containers);
    }

    [Fact]
    public void Azd_finds_the_api_service_and_the_environment_by_their_tags()
    {
        Assert.Equal("[parameters('appTags')]", (string?)infra.FunctionApp["tags"]);
        Assert.Equal("[union(variables('tags'), createObject('azd-service-name', 'api'))]",
            (string?)infra.FunctionAppModule.ModuleParameterValue("appTags"));
        Assert.Equal("[parameters('environmentName')]", (string?)infra.Main.Root["variables"]?["tags"]?["azd-env-name"]);

        var group = infra.Main.ResourcesOfType("Microsoft.Resources/resourceGroups").Single();
        Assert.Equal("[variables('tags')]", (string?)group["tags"]);
    }

    [Fact]
    public void App_accepts_https_only_and_never_basic_auth_publishing()
    {
        var app = infra.FunctionApp;
        Assert.True((bool?)app["properties"]?["httpsOnly"]);
        Assert.Equal("1.2", (string?)app["properties"]?["siteConfig"]?["minTlsVersion"]);

        var policies = infra.FunctionAppModule.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, policies.Count);
        Assert.All(policies, p => Assert.False((bool?)p["properties"]?["allow"]));
    }

    [Fact]
    public void Resource_names_come_from_the_resource_token()
    {
        var token = (string?)infra.Main.Root["variables"]?["resourceToken"];
        Assert.Equal("[toLower(uniqueString(subscription().id, parameters('environmentName'), parameters('location')))]", token);

        var names = infra.Main.Modules
            .SelectMany(m => m.Parameters.Select(p => p.Key).Where(p => p.EndsWith("name", StringComparison.OrdinalIgnoreCase)).Select(m.ModuleParameterValue))
            .SelectMany(infra.Main.ResolveStrings)
            .ToList();

        Assert.True(names.Count >= 10, $"Expected the names of every resource, found {names.Count}.");
        Assert.All(names, name => Assert.Contains("variables('resourceToken')", name, StringComparison.Ordinal));
    }
}
