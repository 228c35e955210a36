using System.CommandLine;
using Azure.Identity;
using Azure.Storage.Blobs;
using GoodwillFlow.Cli.Account;
using GoodwillFlow.Local.Durability;
using GoodwillFlow.Local.Hosting;
using GoodwillFlow.Local.Uploads;

namespace GoodwillFlow.Cli.Commands;

/// <summary>
/// <c>goodwill upload FILE</c>: checks the export, then puts it in the <c>connections</c> container — of the local
/// runtime, or of an Azure storage account with <c>--account</c> (signed in with your Azure identity).
/// </summary>
internal static class UploadCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "LinkedIn's Connections.csv, or the whole data download (the ZIP) to use messages, recommendations and endorsements as evidence." };
        var data = DataOption.Create();
        var account = new Option<string?>("--account") { Description = "An Azure storage account name to upload to (uses az login / your Azure identity).", HelpName = "name" };
        var settings = new CampaignSettingOptions();
        var command = new Command("upload", "Upload a connections export to start a campaign (or add new people to the running one).")
        {
            file,
            data,
            account,
        };
        settings.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(file), parseResult.GetValue(data)!, parseResult.GetValue(account), settings.ToMetadata(parseResult), context, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo file, string dataPath, string? account, Dictionary<string, string> metadata, CliContext context, CancellationToken cancellationToken)
    {
        // Check it here first so a wrong file is refused at once, not later in the runtime's log.
        if (ExportFile.TryImport(file, context) is not { } preview)
        {
            return ExitCodes.Rejected;
        }

        if (account is not null)
        {
            var blobs = new BlobServiceClient(new Uri($"https://{account}.blob.core.windows.net"), new DefaultAzureCredential());
            try
            {
                var name = await LocalUploads.UploadAsync(blobs, file.FullName, metadata, cancellationToken);
                await context.Output.WriteLineAsync($"Uploaded {name} ({preview.Connections.Count} connections) to {account}/connections. The app emails you when the campaign starts.");
                return ExitCodes.Success;
            }
            catch (Exception e) when (AzureAccess.Explain(e, new AccountTarget(account, null), StorageService.Blob) is { } explanation)
            {
                await context.Error.WriteLineAsync(explanation);
                return ExitCodes.Rejected;
            }
        }

        await using var session = await LocalStorageSession.OpenAsync(dataPath, connectionString: null, loggerFactory: null, cancellationToken);
        // Journaled first: Azurite can lose an accepted upload in a power cut; the runtime puts a journaled one back on start.
        var journal = new FileUploadJournal(dataPath, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<FileUploadJournal>.Instance);
        var uploaded = await LocalUploads.UploadAsync(session.Blobs, file.FullName, metadata, journal, cancellationToken);
        await context.Output.WriteLineAsync(session.Runtime is null
            ? $"Uploaded {uploaded} ({preview.Connections.Count} connections). Start `goodwill run` to begin the campaign."
            : $"Uploaded {uploaded} ({preview.Connections.Count} connections). The running GoodwillFlow picks it up within seconds.");
        return ExitCodes.Success;
    }
}
