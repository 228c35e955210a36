using GoodwillFlow.Core.Shortlists;

namespace GoodwillFlow.Core.Email;

/// <summary>Builds the email that delivers the shortlist, and the notice sent when an upload is rejected.</summary>
public static class ShortlistEmailComposer
{
    /// <summary>Composes the shortlist email (the top entries inline, a link to the full list when given).</summary>
    public static EmailMessage Compose(Shortlist shortlist, string ownerEmail, Uri? fullListUrl) =>
        throw new NotImplementedException("Owned by the email work package.");

    /// <summary>Composes the notice that an uploaded file was rejected, with the reason.</summary>
    public static EmailMessage ComposeRejection(string ownerEmail, string fileName, string reason) =>
        throw new NotImplementedException("Owned by the email work package.");
}
