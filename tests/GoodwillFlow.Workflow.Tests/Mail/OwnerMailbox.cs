using GoodwillFlow.Testing.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace GoodwillFlow.Workflow.Tests.Mail;

/// <summary>Reads a test user's inbox over IMAP, the way a mail client would.</summary>
internal static class OwnerMailbox
{
    public static async Task<IReadOnlyList<(UniqueId Uid, MimeMessage Message, MessageFlags Flags)>> ReadAsync(MailServerFixture server, string user = MailServerFixture.Owner, int atLeast = 0, string? folder = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var client = new ImapClient();
            await server.Imap(user).ConnectAsync(client, 993, 143, CancellationToken.None);
            IMailFolder mailbox;
            try
            {
                mailbox = folder is null ? client.Inbox : await client.GetFolderAsync(folder);
            }
            catch (FolderNotFoundException)
            {
                await client.DisconnectAsync(true);
                await Task.Delay(200);
                continue;
            }

            await mailbox.OpenAsync(FolderAccess.ReadOnly);
            var uids = await mailbox.SearchAsync(SearchQuery.All);
            var result = new List<(UniqueId, MimeMessage, MessageFlags)>();
            foreach (var uid in uids)
            {
                var message = await mailbox.GetMessageAsync(uid);
                var summary = (await mailbox.FetchAsync([uid], MessageSummaryItems.Flags)).Single();
                result.Add((uid, message, summary.Flags ?? MessageFlags.None));
            }

            await client.DisconnectAsync(true);
            if (result.Count >= atLeast || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(200);
        }
    }
}
