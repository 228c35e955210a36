using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>Blob files: compiled shortlists, reasons for rejected uploads, and the uploads themselves.</summary>
public interface ICampaignFiles
{
    /// <summary>Creates the containers if they do not exist.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Writes the shortlist as html, csv and json under <c>shortlists/{campaignId}/</c>.</summary>
    Task SaveShortlistAsync(Shortlist shortlist, CancellationToken cancellationToken);

    /// <summary>Reads a stored shortlist, or null when none has been compiled.</summary>
    Task<byte[]?> ReadShortlistAsync(string campaignId, ShortlistFormat format, CancellationToken cancellationToken);

    /// <summary>Writes <c>rejected/{uploadName}.txt</c> with the reason.</summary>
    Task SaveRejectionAsync(string uploadName, string reason, CancellationToken cancellationToken);

    /// <summary>Deletes the campaign's shortlists and its uploads.</summary>
    Task DeleteCampaignFilesAsync(string campaignId, IEnumerable<string> uploadNames, CancellationToken cancellationToken);
}
