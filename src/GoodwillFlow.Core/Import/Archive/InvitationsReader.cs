using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// Reads Invitations.csv (From, To, Sent At, Message, Direction, inviterProfileUrl, inviteeProfileUrl): who invited
/// whom, when, and the note, shortened. The file also holds invitations never accepted, which match no connection.
/// </summary>
internal static class InvitationsReader
{
    public const string FileName = "Invitations.csv";

    /// <summary>How many words of an invitation note are kept.</summary>
    public const int NoteWords = 30;

    private const int MaxRecordBytes = 64 * 1024;

    public static bool Read(Stream file, ConnectionDirectory directory, EvidenceBuilder evidence, List<string> warnings)
    {
        using var csv = EvidenceCsv.Open(file, FileName, "Direction", "From, To, Sent At, Direction", MaxRecordBytes, warnings);
        if (csv is null)
        {
            return false;
        }

        var from = csv.Column("From", "Inviter");
        var to = csv.Column("To", "Invitee");
        var sentAt = csv.Column("Sent At", "Date", "Sent On");
        var message = csv.Column("Message", "Note");
        var direction = csv.Column("Direction");
        var inviterUrl = csv.Column("inviterProfileUrl", "Inviter Profile Url", "Inviter Url");
        var inviteeUrl = csv.Column("inviteeProfileUrl", "Invitee Profile Url", "Invitee Url");
        while (csv.Read())
        {
            var way = csv.Text(direction);
            EvidenceDirection? known = way switch
            {
                _ when way is null => null,
                _ when way.Equals("OUTGOING", StringComparison.OrdinalIgnoreCase) => EvidenceDirection.FromOwner,
                _ when way.Equals("INCOMING", StringComparison.OrdinalIgnoreCase) => EvidenceDirection.ToOwner,
                _ => null,
            };

            string connectionId;
            EvidenceMatch match;
            if (known == EvidenceDirection.FromOwner || known is null)
            {
                // The owner invited them, or, with no direction, whichever side is a connection is the other person.
                if (Find(csv, directory, inviteeUrl, to, out connectionId, out match))
                {
                    known = EvidenceDirection.FromOwner;
                }
                else if (known is null && Find(csv, directory, inviterUrl, from, out connectionId, out match))
                {
                    known = EvidenceDirection.ToOwner;
                }
                else
                {
                    continue;
                }
            }
            else if (!Find(csv, directory, inviterUrl, from, out connectionId, out match))
            {
                continue;
            }

            var note = csv.Text(message) is { } text ? EvidenceCsv.FirstWords(text, NoteWords) : null;
            var when = csv.Time(sentAt) is { } time ? DateOnly.FromDateTime(time) : (DateOnly?)null;
            evidence.SetInvitation(connectionId, new InvitationEvidence(known.Value, when, note, match));
        }

        return true;
    }

    private static bool Find(EvidenceCsv csv, ConnectionDirectory directory, int urlColumn, int nameColumn, out string connectionId, out EvidenceMatch match)
    {
        var url = csv.Text(urlColumn);
        return directory.TryFind(url is null ? null : directory.NormaliseUrl(url), csv.Text(nameColumn), out connectionId, out match);
    }
}
