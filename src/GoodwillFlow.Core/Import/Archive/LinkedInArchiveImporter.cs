using System.IO.Compression;
using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// Imports LinkedIn's data download (the "Basic" or "Complete" ZIP): Connections.csv through the connections reader,
/// then what messages, recommendations, endorsements and invitations say about each connection.
/// </summary>
internal static class LinkedInArchiveImporter
{
    /// <exception cref="ImportRejectedException">The archive or its Connections.csv cannot be used.</exception>
    public static ImportResult Import(Stream upload, LinkedInImportOptions options)
    {
        try
        {
            using var archive = LinkedInArchive.Open(upload, options);
            return Import(archive, options);
        }
        catch (InvalidDataException ex)
        {
            throw ArchiveRejections.Damaged(ex);
        }
    }

    private static ImportResult Import(LinkedInArchive archive, LinkedInImportOptions options)
    {
        var warnings = new List<string>();
        var filesRead = new List<string>();
        var connectionsEntry = archive.Find("Connections.csv", warnings) ?? throw ArchiveRejections.NoConnections();
        if (connectionsEntry.Length == 0)
        {
            throw ArchiveRejections.EmptyConnections();
        }

        ImportResult connections;
        using (var file = archive.OpenEntry(connectionsEntry, "Connections.csv", options.MaxFileBytes))
        {
            try
            {
                connections = LinkedInConnectionsImporter.ImportConnections(file, options, connectionsEntry.Length);
            }
            catch (ImportRejectedException ex) when (ex.Kind == ImportRejectionKind.Empty)
            {
                throw ArchiveRejections.EmptyConnections();
            }
            catch (ImportRejectedException ex) when (!archive.IsGuardRefusal(ex))
            {
                throw ArchiveRejections.ConnectionsRefused(ex);
            }
        }

        filesRead.Add(LinkedInArchive.FileName(connectionsEntry.FullName));
        var directory = new ConnectionDirectory(connections.Connections);
        var evidence = new EvidenceBuilder();

        var ownerNames = new List<string>();
        Read(archive, ProfileReader.FileName, options, filesRead, warnings, file =>
        {
            if (ProfileReader.Read(file) is not { } owner)
            {
                return false;
            }

            ownerNames.Add(owner);
            return true;
        });
        Read(archive, MessagesReader.FileName, options, filesRead, warnings,
            file => MessagesReader.Read(file, directory, ownerNames, evidence, warnings));
        Read(archive, RecommendationsReader.GivenFileName, options, filesRead, warnings,
            file => RecommendationsReader.Read(file, RecommendationsReader.GivenFileName, EvidenceDirection.FromOwner, directory, evidence, warnings));
        Read(archive, RecommendationsReader.ReceivedFileName, options, filesRead, warnings,
            file => RecommendationsReader.Read(file, RecommendationsReader.ReceivedFileName, EvidenceDirection.ToOwner, directory, evidence, warnings));
        Read(archive, EndorsementsReader.FileName, options, filesRead, warnings,
            file => EndorsementsReader.Read(file, directory, evidence, warnings));
        Read(archive, InvitationsReader.FileName, options, filesRead, warnings,
            file => InvitationsReader.Read(file, directory, evidence, warnings));

        return connections with
        {
            Warnings = [.. connections.Warnings, .. warnings],
            Evidence = evidence.Build(),
            FilesRead = filesRead,
        };
    }

    /// <summary>
    /// Reads one optional evidence file when the archive has it. A file whose CSV is broken is left out with a warning:
    /// the connections are still imported. A guard crossed (a bomb, a file too large) refuses the whole upload.
    /// </summary>
    private static void Read(
        LinkedInArchive archive, string fileName, LinkedInImportOptions options, List<string> filesRead, List<string> warnings, Func<Stream, bool> read)
    {
        if (archive.Find(fileName, warnings) is not { } entry)
        {
            return;
        }

        using var file = archive.OpenEntry(entry, fileName, options.MaxArchiveEntryBytes);
        try
        {
            if (read(file))
            {
                filesRead.Add(LinkedInArchive.FileName(entry.FullName));
            }
        }
        catch (CsvHelper.CsvFormatException)
        {
            warnings.Add($"{fileName} could not be read (its CSV structure is broken), so it was not used.");
        }
    }
}
