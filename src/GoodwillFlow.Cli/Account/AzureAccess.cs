using Azure;
using Azure.Identity;
using Grpc.Core;

namespace GoodwillFlow.Cli.Account;

/// <summary>The storage service a step needs, and so the data role that lets the owner do it.</summary>
internal enum StorageService
{
    /// <summary>Tables: campaigns, progress, replies, and the task hub's instances.</summary>
    Table,

    /// <summary>Blobs: uploads, shortlists, and the task hub's leases.</summary>
    Blob,

    /// <summary>Queues: the task hub's control queues, where events go.</summary>
    Queue,
}

/// <summary>
/// Turns a failed call to a deployed account into one sentence that says what to do: sign in, get a role, or check the
/// name. Returns null for anything else, which the caller lets through.
/// </summary>
internal static class AzureAccess
{
    /// <summary>The data role <c>azd up</c> gives the deploying user for each service (infra/modules/storage.bicep).</summary>
    public static string RoleFor(StorageService service) => service switch
    {
        StorageService.Table => "Storage Table Data Contributor",
        StorageService.Blob => "Storage Blob Data Owner",
        StorageService.Queue => "Storage Queue Data Contributor",
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    /// <summary>Explains <paramref name="exception"/>, raised while using <paramref name="service"/> of <paramref name="target"/>.</summary>
    public static string? Explain(Exception exception, AccountTarget target, StorageService service)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case CredentialUnavailableException:
                    return "goodwill: no Azure sign-in was found on this machine. Sign in with `az login` (the account that ran `azd up`), then try again.";
                case AuthenticationFailedException failed:
                    return $"goodwill: your Azure sign-in failed ({FirstLine(failed.Message)}). Sign in again with `az login`, then try again.";
                case RequestFailedException { Status: 403 } denied:
                    return Denied(target, service, denied.ErrorCode);
                case RequestFailedException { Status: 0 } unreachable:
                    return $"goodwill: could not reach {target.DisplayName} ({FirstLine(unreachable.Message)}). " +
                        "Check the name: `azd env get-value AZURE_STORAGE_ACCOUNT_NAME` prints it.";
                case RpcException rpc when Mentions(rpc.Status.Detail, "AuthorizationPermissionMismatch", "AuthorizationFailure"):
                    return Denied(target, service, "AuthorizationPermissionMismatch");
            }
        }

        return null;
    }

    private static string Denied(AccountTarget target, StorageService service, string? errorCode) =>
        $"goodwill: your Azure identity may not use the {service.ToString().ToLowerInvariant()}s of {target.DisplayName}" +
        $"{(errorCode is { Length: > 0 } ? $" ({errorCode})" : "")}. It needs the \"{RoleFor(service)}\" role on the account, which " +
        "`azd up` gives the account that ran it. To give it to yourself: az role assignment create --assignee \"$(az ad signed-in-user show --query id -o tsv)\" " +
        $"--role \"{RoleFor(service)}\" --scope \"$(az storage account show --name {target.AccountName ?? "<account>"} --query id -o tsv)\". " +
        "A new role assignment can take a few minutes to apply.";

    private static bool Mentions(string? text, params string[] words) =>
        text is not null && words.Any(w => text.Contains(w, StringComparison.Ordinal));

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? text;
}
