using GoodwillFlow.Infra.Tests.Infrastructure;
using GoodwillFlow.Workflow.Configuration;

namespace GoodwillFlow.Infra.Tests;

[Collection(CompiledInfrastructure.Collection)]
public sealed class StorageTests(CompiledInfrastructure infra)
{
    [Fact]
    public void Storage_accepts_only_entra_id_over_tls_1_2_and_never_anonymous_reads()
    {
        var account = infra.Main.Module("storage").ResourcesOfType("Microsoft.Storage/storageAccounts").Single();
        var properties = account["properties"];

        Assert.False((bool?)properties?["allowSharedKeyAccess"]);
        Assert.False((bool?)properties?["allowBlobPublicAccess"]);
        Assert.Equal("TLS1_2", (string?)properties?["minimumTlsVersion"]);
        Assert.True((bool?)properties?["supportsHttpsTrafficOnly"]);
    }

    [Fact]
    public void Containers_the_code_uses_exist_and_are_private()
    {
        var storage = infra.Main.Module("storage");
        var names = storage.ModuleParameterValue("containerNames")!.AsArray().Select(c => (string?)c).ToList();

        Assert.Contains(StorageOptions.UploadsContainer, names);
        Assert.Contains(StorageOptions.ShortlistsContainer, names);
        Assert.Contains(StorageOptions.RejectedContainer, names);

        var container = storage.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers").Single();
        Assert.Equal("[length(parameters('containerNames'))]", (string?)container["copy"]?["count"]);
        Assert.Equal("None", (string?)container["properties"]?["publicAccess"]);
    }

    [Fact]
    public void Event_grid_system_topic_publishes_the_storage_account_events()
    {
        var topic = infra.Main.Module("eventGrid").ResourcesOfType("Microsoft.EventGrid/systemTopics").Single();

        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]?["topicType"]);
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", (string?)topic["properties"]?["source"]);
        Assert.Equal("[variables('storageAccountName')]", (string?)infra.Main.Module("eventGrid").ModuleParameterValue("storageAccountName"));
        Assert.Equal("[variables('storageAccountName')]", (string?)infra.Main.Module("storage").ModuleParameterValue("name"));
    }

    [Fact]
    public void Key_vault_authorizes_with_rbac_and_stays_purgeable_for_azd_down()
    {
        var vault = infra.Main.Module("keyVault").ResourcesOfType("Microsoft.KeyVault/vaults").Single();

        Assert.True((bool?)vault["properties"]?["enableRbacAuthorization"]);
        Assert.NotEqual(true, (bool?)vault["properties"]?["enablePurgeProtection"]);
    }

    [Fact]
    public void Monitoring_accepts_only_entra_authenticated_telemetry()
    {
        var monitoring = infra.Main.Module("monitoring");
        var insights = monitoring.ResourcesOfType("Microsoft.Insights/components").Single();
        var workspace = monitoring.ResourcesOfType("Microsoft.OperationalInsights/workspaces").Single();

        Assert.True((bool?)insights["properties"]?["DisableLocalAuth"]);
        Assert.True((bool?)workspace["properties"]?["features"]?["disableLocalAuth"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', reference('identity').outputs.clientId.value)]",
            infra.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }
}
