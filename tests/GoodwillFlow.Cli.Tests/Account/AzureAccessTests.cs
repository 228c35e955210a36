using Azure;
using Azure.Identity;
using GoodwillFlow.Cli.Account;

namespace GoodwillFlow.Cli.Tests.Account;

/// <summary>What the owner reads when their Azure sign-in or a data role is missing (only Azure produces these for real).</summary>
public sealed class AzureAccessTests
{
    private static readonly AccountTarget Target = new("goodwillstore", null);

    [Fact]
    public void No_sign_in_says_to_run_az_login()
    {
        var message = AzureAccess.Explain(new CredentialUnavailableException("DefaultAzureCredential failed"), Target, StorageService.Table);

        Assert.NotNull(message);
        Assert.Contains("`az login`", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_sign_in_says_to_sign_in_again()
    {
        var message = AzureAccess.Explain(new AuthenticationFailedException("AADSTS700082: The refresh token has expired."), Target, StorageService.Table);

        Assert.NotNull(message);
        Assert.Contains("AADSTS700082", message, StringComparison.Ordinal);
        Assert.Contains("`az login`", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Table", "Storage Table Data Contributor")]
    [InlineData("Blob", "Storage Blob Data Owner")]
    [InlineData("Queue", "Storage Queue Data Contributor")]
    public void A_missing_data_role_names_the_role_and_how_to_assign_it(string serviceName, string role)
    {
        var service = Enum.Parse<StorageService>(serviceName);
        var denied = new RequestFailedException(403, "This request is not authorized to perform this operation using this permission.", "AuthorizationPermissionMismatch", null);

        var message = AzureAccess.Explain(new InvalidOperationException("wrapped", denied), Target, service);

        Assert.NotNull(message);
        Assert.Contains($"\"{role}\"", message, StringComparison.Ordinal);
        Assert.Contains("AuthorizationPermissionMismatch", message, StringComparison.Ordinal);
        Assert.Contains("az role assignment create", message, StringComparison.Ordinal);
        Assert.Contains("--name goodwillstore", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_account_says_how_to_find_the_name()
    {
        var message = AzureAccess.Explain(new RequestFailedException("Name or service not known (goodwillstore.table.core.windows.net:443)"), Target, StorageService.Table);

        Assert.NotNull(message);
        Assert.Contains("azd env get-value AZURE_STORAGE_ACCOUNT_NAME", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_failures_are_left_to_the_caller()
    {
        Assert.Null(AzureAccess.Explain(new RequestFailedException(500, "Server busy"), Target, StorageService.Table));
    }
}
