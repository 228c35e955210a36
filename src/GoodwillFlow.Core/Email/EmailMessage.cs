namespace GoodwillFlow.Core.Email;

/// <summary>A message ready to send. <see cref="Tags"/> carry no personal data (they become SendGrid categories and custom args).</summary>
/// <param name="To">Recipient address (always the owner).</param>
/// <param name="Subject">Subject line.</param>
/// <param name="HtmlBody">HTML body; every value from the export is encoded.</param>
/// <param name="TextBody">Plain-text body.</param>
/// <param name="ReplyTo">Reply-to address, or null for the configured default.</param>
/// <param name="Tags">Non-personal tags such as campaign id and message kind.</param>
public sealed record EmailMessage(
    string To,
    string Subject,
    string HtmlBody,
    string TextBody,
    string? ReplyTo,
    IReadOnlyDictionary<string, string> Tags);
