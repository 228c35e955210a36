using System.CommandLine;

namespace GoodwillFlow.Cli.Account;

/// <summary>
/// A deployed GoodwillFlow's storage account, reached with the owner's Azure sign-in (<c>--account NAME</c>), or with a
/// connection string (<c>--connection-string</c>: an emulator, or an account that still allows keys).
/// </summary>
/// <param name="AccountName">The storage account name, or null with a connection string.</param>
/// <param name="ConnectionString">The connection string, or null for the owner's sign-in.</param>
internal sealed record AccountTarget(string? AccountName, string? ConnectionString)
{
    /// <summary>Gets a name for messages (never the connection string: it can hold a key).</summary>
    public string DisplayName => AccountName ?? "the storage account of the connection string";

    /// <summary>Gets a value indicating whether the owner's Azure sign-in is used.</summary>
    public bool UsesSignIn => ConnectionString is null;
}

/// <summary>The <c>--account</c> and <c>--connection-string</c> options of the commands that follow a deployed campaign.</summary>
internal sealed class AccountOptions
{
    /// <summary>Gets the <c>--account</c> option.</summary>
    public Option<string?> Account { get; } = new("--account")
    {
        Description = "Your deployed app's storage account (azd env get-value AZURE_STORAGE_ACCOUNT_NAME), reached with your Azure sign-in (az login).",
        HelpName = "name",
    };

    /// <summary>Gets the <c>--connection-string</c> option.</summary>
    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "A storage connection string instead of --account (an emulator, or an account that allows keys).",
        HelpName = "text",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Account);
        command.Options.Add(ConnectionString);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Account) is not null && result.GetValue(ConnectionString) is not null)
            {
                result.AddError("Give --account or --connection-string, not both.");
            }
        });
    }

    /// <summary>Returns the deployed account asked for, or null for the local runtime.</summary>
    public AccountTarget? Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var account = parseResult.GetValue(Account);
        var connectionString = parseResult.GetValue(ConnectionString);
        return account is null && connectionString is null ? null : new AccountTarget(account?.Trim(), connectionString);
    }
}
