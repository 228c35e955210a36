using System.Text.Json.Nodes;
using GoodwillFlow.Infra.Tests.Infrastructure;

namespace GoodwillFlow.Infra.Tests;

[Collection(CompiledInfrastructure.Collection)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infra)
{
    // Built-in role definition ids, the same in every tenant.
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private const string RoleDefinitionPrefix = "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ";

    public static TheoryData<string, string, string> IdentityRoles => new()
    {
        { "storage", StorageBlobDataOwner, "the Functions host and Durable Functions read, write and lease blobs" },
        { "storage", StorageQueueDataContributor, "Durable Functions' work-item and control queues" },
        { "storage", StorageTableDataContributor, "Durable history and GoodwillFlow's campaign tables" },
        { "monitoring", MonitoringMetricsPublisher, "Application Insights accepts only Entra-authenticated telemetry" },
        { "keyVault", KeyVaultSecretsUser, "Key Vault references resolve through the identity" },
    };

    public static TheoryData<string, string, string> DeployingUserRoles => new()
    {
        { "storage", StorageBlobDataOwner, "az storage blob upload --auth-mode login and goodwill upload" },
        { "storage", StorageQueueDataContributor, "the CLI's status and control commands" },
        { "storage", StorageTableDataContributor, "the CLI reads campaign tables" },
        { "keyVault", KeyVaultSecretsOfficer, "reading the inbound secret and rotating keys" },
    };

    [Theory]
    [MemberData(nameof(IdentityRoles))]
    public void App_identity_holds_the_roles_it_needs(string module, string role, string reason)
    {
        var template = infra.Main.Module(module);
        var assignments = Assignments(module).Where(a => template.ReadsUserAssignedIdentity(a.Principal)).ToList();

        Assert.True(assignments.Any(a => a.Roles.Contains(role)), $"The app identity lacks role {role} in module {module} ({reason}).");
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", a.PrincipalType));
        Assert.Equal("[variables('identityName')]", (string?)infra.Main.Module(module).ModuleParameterValue("identityName"));
    }

    [Theory]
    [MemberData(nameof(DeployingUserRoles))]
    public void Deploying_user_holds_the_data_roles_when_azd_knows_them(string module, string role, string reason)
    {
        var assignment = Assignments(module).SingleOrDefault(a => a.Principal == "[parameters('userPrincipalId')]" && a.Roles.Contains(role));

        Assert.True(assignment is not null, $"The deploying user lacks role {role} in module {module} ({reason}).");
        Assert.Equal("[not(empty(parameters('userPrincipalId')))]", assignment.Condition);
        Assert.Equal("[parameters('userPrincipalType')]", assignment.PrincipalType);
        Assert.Equal("[parameters('principalId')]", (string?)infra.Main.Module(module).ModuleParameterValue("userPrincipalId"));
        Assert.Equal("[parameters('principalType')]", (string?)infra.Main.Module(module).ModuleParameterValue("userPrincipalType"));
        Assert.Equal("User", (string?)infra.Main.Parameters["principalType"]?["defaultValue"]);
    }

    private IEnumerable<Assignment> Assignments(string module)
    {
        var template = infra.Main.Module(module);
        foreach (var resource in template.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            var definition = (string?)resource["properties"]?["roleDefinitionId"] ?? "";
            Assert.StartsWith(RoleDefinitionPrefix, definition, StringComparison.Ordinal);
            var argument = definition[RoleDefinitionPrefix.Length..^2];
            yield return new Assignment(
                template.ResolveStrings(JsonValue.Create($"[{argument}]")).ToHashSet(),
                (string?)resource["properties"]?["principalId"] ?? "",
                (string?)resource["properties"]?["principalType"],
                (string?)resource["condition"]);
        }
    }

    private sealed record Assignment(IReadOnlySet<string> Roles, string Principal, string? PrincipalType, string? Condition);
}
