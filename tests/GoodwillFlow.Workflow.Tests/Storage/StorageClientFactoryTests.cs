using Azure.Identity;
using GoodwillFlow.Workflow.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoodwillFlow.Workflow.Tests.Storage;

public class StorageClientFactoryTests
{
    private const string AzuriteConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;";

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void Uses_an_Azurite_connection_string_with_its_explicit_endpoints()
    {
        var settings = StorageClientFactory.ReadSettings(Config(("AzureWebJobsStorage", AzuriteConnectionString)));

        Assert.True(settings.IsConnectionString);
        var tables = StorageClientFactory.CreateTableServiceClient(settings);
        var blobs = StorageClientFactory.CreateBlobServiceClient(settings);
        Assert.Equal("devstoreaccount1", tables.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), blobs.Uri);
        Assert.Equal("127.0.0.1", tables.Uri.Host);
        Assert.Equal(41002, tables.Uri.Port);
    }

    [Fact]
    public void Uses_development_storage_shorthand()
    {
        var settings = StorageClientFactory.ReadSettings(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        var blobs = StorageClientFactory.CreateBlobServiceClient(settings);
        var tables = StorageClientFactory.CreateTableServiceClient(settings);
        Assert.Equal(10000, blobs.Uri.Port);
        Assert.Equal(10002, tables.Uri.Port);
        Assert.Equal("devstoreaccount1", blobs.AccountName);
    }

    [Fact]
    public void Reads_a_connection_string_from_the_ConnectionStrings_section_too()
    {
        var settings = StorageClientFactory.ReadSettings(Config(("ConnectionStrings:AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("UseDevelopmentStorage=true", settings.ConnectionString);
    }

    [Fact]
    public void Uses_service_uris_with_a_user_assigned_managed_identity()
    {
        // Environment variables AzureWebJobsStorage__blobServiceUri etc. arrive in configuration with ':' separators.
        var settings = StorageClientFactory.ReadSettings(Config(
            ("AzureWebJobsStorage:blobServiceUri", "https://goodwillst.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://goodwillst.table.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-1111-2222-3333-444444444444")));

        Assert.False(settings.IsConnectionString);
        Assert.True(settings.UseManagedIdentity);
        Assert.Equal("00000000-1111-2222-3333-444444444444", settings.ManagedIdentityClientId);
        Assert.IsType<ManagedIdentityCredential>(settings.CreateCredential());
        Assert.Equal(new Uri("https://goodwillst.blob.core.windows.net"), StorageClientFactory.CreateBlobServiceClient(settings).Uri);
        Assert.Equal("goodwillst", StorageClientFactory.CreateTableServiceClient(settings).AccountName);
    }

    [Fact]
    public void Derives_both_endpoints_from_the_account_name_and_defaults_to_DefaultAzureCredential()
    {
        var settings = StorageClientFactory.ReadSettings(Config(("AzureWebJobsStorage:accountName", "goodwillst")));

        Assert.Equal(new Uri("https://goodwillst.blob.core.windows.net"), settings.BlobServiceUri);
        Assert.Equal(new Uri("https://goodwillst.table.core.windows.net"), settings.TableServiceUri);
        Assert.False(settings.UseManagedIdentity);
        Assert.IsType<DefaultAzureCredential>(settings.CreateCredential());
    }

    [Fact]
    public void Missing_connection_names_the_setting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageClientFactory.ReadSettings(Config()));

        Assert.Contains("'AzureWebJobsStorage'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blob_uri_alone_gives_a_clear_message_when_tables_are_needed()
    {
        var settings = StorageClientFactory.ReadSettings(Config(("AzureWebJobsStorage:blobServiceUri", "https://goodwillst.blob.core.windows.net")));

        var ex = Assert.Throws<InvalidOperationException>(() => StorageClientFactory.CreateTableServiceClient(settings));
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_value_that_is_not_a_connection_string()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            StorageClientFactory.ReadSettings(Config(("AzureWebJobsStorage", "goodwillst"))));

        Assert.Contains("not a storage connection string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_defers_the_missing_setting_error_to_first_use()
    {
        var services = new ServiceCollection();
        services.AddGoodwillStorage(Config());
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICampaignStore>());
        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registers_the_table_and_blob_clients_as_singletons()
    {
        var services = new ServiceCollection();
        services.AddGoodwillStorage(Config(("AzureWebJobsStorage", AzuriteConnectionString)));
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), provider.GetRequiredService<Azure.Data.Tables.TableServiceClient>());
        Assert.Same(provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), provider.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>());
        Assert.IsType<TableCampaignStore>(provider.GetRequiredService<ICampaignStore>());
        Assert.IsType<BlobCampaignFiles>(provider.GetRequiredService<ICampaignFiles>());
    }
}
