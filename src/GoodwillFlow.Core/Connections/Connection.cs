namespace GoodwillFlow.Core.Connections;

/// <summary>
/// One person from the owner's LinkedIn connections export. Field values are exactly as in the file
/// (trimmed of surrounding whitespace only); <see cref="Id"/> is stable across re-imports of newer exports.
/// </summary>
/// <param name="Id">Stable id: 16 lowercase hex characters (see <see cref="ConnectionId"/>).</param>
/// <param name="FirstName">First name as exported; may be empty when only the last name is known.</param>
/// <param name="LastName">Last name as exported.</param>
/// <param name="Url">LinkedIn profile URL, or null in exports that have no URL column.</param>
/// <param name="EmailAddress">Email address; nearly always null because sharing it is opt-in.</param>
/// <param name="Company">Current company, if any.</param>
/// <param name="Position">Current position, if any.</param>
/// <param name="ConnectedOn">The date the connection was made, if the export had a readable one.</param>
public sealed record Connection(
    string Id,
    string FirstName,
    string LastName,
    string? Url,
    string? EmailAddress,
    string? Company,
    string? Position,
    DateOnly? ConnectedOn)
{
    /// <summary>Gets the name to show the owner: "First Last", or whichever part exists.</summary>
    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(p => p.Length > 0));
}
