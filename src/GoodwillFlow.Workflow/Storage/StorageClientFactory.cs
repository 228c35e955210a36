using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using GoodwillFlow.Workflow.Configuration;
using Microsoft.Extensions.Configuration;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>How the storage account is reached: a connection string, or service URIs with an Entra ID credential.</summary>
/// <param name="ConnectionString">The connection string (including <c>UseDevelopmentStorage=true</c>), or null for identity-based access.</param>
/// <param name="BlobServiceUri">The blob endpoint for identity-based access, or null.</param>
/// <param name="TableServiceUri">The table endpoint for identity-based access, or null.</param>
/// <param name="UseManagedIdentity">True when <c>__credential</c> is <c>managedidentity</c>.</param>
/// <param name="ManagedIdentityClientId">The user-assigned identity's client id (<c>__clientId</c>), or null.</param>
public sealed record StorageConnectionSettings(
    string? ConnectionString,
    Uri? BlobServiceUri,
    Uri? TableServiceUri,
    bool UseManagedIdentity,
    string? ManagedIdentityClientId)
{
    /// <summary>Gets a value indicating whether the settings use a connection string rather than an identity.</summary>
    public bool IsConnectionString => ConnectionString is not null;

    /// <summary>Creates the credential for identity-based access, as the Functions host would for the same settings.</summary>
    public TokenCredential CreateCredential()
    {
        if (UseManagedIdentity)
        {
            return new ManagedIdentityCredential(ManagedIdentityClientId is { Length: > 0 } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned);
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = ManagedIdentityClientId is { Length: > 0 } ? ManagedIdentityClientId : null,
        });
    }
}

/// <summary>
/// Creates the Table and Blob service clients from the <c>AzureWebJobsStorage</c> settings, read exactly as the
/// Functions host reads them, so the app and the host always talk to the same account.
/// </summary>
public static class StorageClientFactory
{
    private const string BlobServiceUriKey = "blobServiceUri";
    private const string LegacyServiceUriKey = "serviceUri";
    private const string TableServiceUriKey = "tableServiceUri";
    private const string AccountNameKey = "accountName";
    private const string CredentialKey = "credential";
    private const string ClientIdKey = "clientId";

    /// <summary>Reads the connection settings named <paramref name="connectionName"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing is configured, or a value is not usable.</exception>
    public static StorageConnectionSettings ReadSettings(IConfiguration configuration, string connectionName = StorageOptions.ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var section = configuration.GetSection(connectionName);
        var value = section.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration.GetConnectionString(connectionName);
        }

        if (!string.IsNullOrWhiteSpace(value))
        {
            // Anything with key=value pairs is a connection string; a bare word here is a mistake worth naming.
            if (!value.Contains('=', StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"The '{connectionName}' setting is not a storage connection string. Set it to a connection string " +
                    $"(for example UseDevelopmentStorage=true), or remove it and set '{connectionName}__accountName' " +
                    $"or '{connectionName}__blobServiceUri' and '{connectionName}__tableServiceUri' for identity-based access.");
            }

            return new StorageConnectionSettings(value.Trim(), null, null, false, null);
        }

        var accountName = section[AccountNameKey];
        var blob = ReadUri(section, connectionName, BlobServiceUriKey)
            ?? ReadUri(section, connectionName, LegacyServiceUriKey)
            ?? AccountUri(accountName, "blob");
        var table = ReadUri(section, connectionName, TableServiceUriKey) ?? AccountUri(accountName, "table");

        if (blob is null && table is null)
        {
            throw new InvalidOperationException(
                $"No storage connection is configured. Set '{connectionName}' to a connection string " +
                $"(for example UseDevelopmentStorage=true for Azurite), or set '{connectionName}__accountName' " +
                $"(or '{connectionName}__blobServiceUri' and '{connectionName}__tableServiceUri') for identity-based access.");
        }

        var useManagedIdentity = string.Equals(section[CredentialKey], "managedidentity", StringComparison.OrdinalIgnoreCase);
        var clientId = section[ClientIdKey];
        return new StorageConnectionSettings(null, blob, table, useManagedIdentity, string.IsNullOrWhiteSpace(clientId) ? null : clientId);
    }

    /// <summary>Creates the Table service client for the settings.</summary>
    /// <exception cref="InvalidOperationException">The settings give no table endpoint.</exception>
    public static TableServiceClient CreateTableServiceClient(StorageConnectionSettings settings, string connectionName = StorageOptions.ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ConnectionString is { } connectionString)
        {
            return new TableServiceClient(connectionString);
        }

        var uri = settings.TableServiceUri ?? throw new InvalidOperationException(
            $"No table endpoint is configured for identity-based storage access. Set '{connectionName}__tableServiceUri' " +
            $"or '{connectionName}__accountName'.");
        return new TableServiceClient(uri, settings.CreateCredential());
    }

    /// <summary>Creates the Blob service client for the settings.</summary>
    /// <exception cref="InvalidOperationException">The settings give no blob endpoint.</exception>
    public static BlobServiceClient CreateBlobServiceClient(StorageConnectionSettings settings, string connectionName = StorageOptions.ConnectionName)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ConnectionString is { } connectionString)
        {
            return new BlobServiceClient(connectionString);
        }

        var uri = settings.BlobServiceUri ?? throw new InvalidOperationException(
            $"No blob endpoint is configured for identity-based storage access. Set '{connectionName}__blobServiceUri' " +
            $"or '{connectionName}__accountName'.");
        return new BlobServiceClient(uri, settings.CreateCredential());
    }

    private static Uri? ReadUri(IConfigurationSection section, string connectionName, string key)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"The '{connectionName}__{key}' setting must be an absolute http(s) URI.");
        }

        return uri;
    }

    private static Uri? AccountUri(string? accountName, string service) =>
        string.IsNullOrWhiteSpace(accountName)
            ? null
            : new Uri($"https://{accountName.Trim()}.{service}.core.windows.net", UriKind.Absolute);
}
