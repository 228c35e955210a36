using GoodwillFlow.Core.Import;

namespace GoodwillFlow.Cli.Commands;

/// <summary>Opens and imports the export named on the command line, turning every refusal into one line on stderr.</summary>
internal static class ExportFile
{
    /// <summary>Imports <paramref name="file"/>; on failure writes the reason to stderr and returns null.</summary>
    public static ImportResult? TryImport(FileInfo file, CliContext context)
    {
        try
        {
            using var stream = new FileStream(
                file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return LinkedInConnectionsImporter.Import(stream);
        }
        catch (ImportRejectedException ex)
        {
            context.Error.WriteLine($"goodwill: {file.Name} was not imported: {ex.Message}");
        }
        catch (FileNotFoundException)
        {
            context.Error.WriteLine($"goodwill: {file.FullName} does not exist.");
        }
        catch (DirectoryNotFoundException)
        {
            context.Error.WriteLine($"goodwill: {file.FullName} does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            context.Error.WriteLine($"goodwill: {file.FullName} cannot be read (permission denied, or it is a folder).");
        }
        catch (IOException ex)
        {
            context.Error.WriteLine($"goodwill: {file.FullName} cannot be read: {ex.Message}");
        }

        return null;
    }
}
