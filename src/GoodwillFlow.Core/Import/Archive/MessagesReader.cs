using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>
/// Reads messages.csv into counts, dates and directions per connection. Only the CONVERSATION ID, FROM, SENDER PROFILE
/// URL, TO, RECIPIENT PROFILE URLS, DATE and FOLDER columns are ever read: SUBJECT and CONTENT are passed over by the CSV
/// reader and never become strings, so no message text is kept, logged or returned.
/// </summary>
internal static class MessagesReader
{
    public const string FileName = "messages.csv";

    /// <summary>Messages up to 1 MiB a row: LinkedIn caps a message far below that.</summary>
    private const int MaxRecordBytes = 1024 * 1024;

    private static readonly char[] UrlSeparators = [';', ','];

    /// <summary>Adds the message evidence to <paramref name="evidence"/>; false when the file has no known header.</summary>
    public static bool Read(
        Stream file, ConnectionDirectory directory, IReadOnlyCollection<string> ownerNames, EvidenceBuilder evidence, List<string> warnings)
    {
        using var csv = EvidenceCsv.Open(file, FileName, "SENDER PROFILE URL", "CONVERSATION ID, FROM, SENDER PROFILE URL, TO, DATE", MaxRecordBytes, warnings);
        if (csv is null)
        {
            return false;
        }

        var mailbox = new Mailbox(directory);
        var columns = new
        {
            Conversation = csv.Column("CONVERSATION ID", "Conversation Id", "ConversationId"),
            From = csv.Column("FROM", "Sender", "Sender Name"),
            SenderUrl = csv.Column("SENDER PROFILE URL", "Sender Url", "SenderProfileUrl"),
            To = csv.Column("TO", "Recipients", "Recipient Names"),
            RecipientUrls = csv.Column("RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL", "Recipient Urls", "RecipientProfileUrls"),
            Date = csv.Column("DATE", "Sent At", "Sent On"),
            Folder = csv.Column("FOLDER"),
        };

        var undated = 0;
        var row = 0;
        var recipients = new List<int>();
        while (csv.Read())
        {
            row++;
            var folder = csv.Text(columns.Folder);
            if (folder is not null && (folder.Equals("SPAM", StringComparison.OrdinalIgnoreCase)
                || folder.StartsWith("DRAFT", StringComparison.OrdinalIgnoreCase)
                || folder.Equals("TRASH", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var sender = mailbox.Participant(csv.Text(columns.SenderUrl), csv.Text(columns.From));
            if (sender < 0)
            {
                continue;
            }

            if (csv.Time(columns.Date) is not { } time)
            {
                undated++;
                continue;
            }

            recipients.Clear();
            var urls = csv.Text(columns.RecipientUrls)?.Split(UrlSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            var to = csv.Text(columns.To);
            if (urls.Length > 0)
            {
                // TO names each recipient only when there is one; a group's names cannot be split from their URLs safely.
                foreach (var url in urls)
                {
                    recipients.Add(mailbox.Participant(url, urls.Length == 1 ? to : null));
                }
            }
            else if (to is not null)
            {
                foreach (var name in to.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    recipients.Add(mailbox.Participant(null, name));
                }
            }

            var conversation = csv.Text(columns.Conversation) ?? $"\u0001row {row}";
            mailbox.Add(conversation, sender, recipients, time);
        }

        if (undated > 0)
        {
            warnings.Add($"{FileName}: {(undated == 1 ? "1 message" : $"{undated} messages")} had no readable date and {(undated == 1 ? "was" : "were")} not counted.");
        }

        mailbox.Tally(ownerNames, evidence);
        return true;
    }

    /// <summary>
    /// The people and conversations of the owner's mailbox: each person once (by normalised profile URL, or by name when a
    /// row has none), each message as (conversation, sender, time) only.
    /// </summary>
    private sealed class Mailbox(ConnectionDirectory directory)
    {
        private readonly Dictionary<string, int> _participantByKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _participantByRawUrl = new(StringComparer.Ordinal);
        private readonly List<Person> _people = [];
        private readonly Dictionary<string, int> _conversationById = new(StringComparer.Ordinal);
        private readonly List<HashSet<int>> _members = [];
        private readonly List<Message> _messages = [];

        public int Participant(string? url, string? name)
        {
            // The same URL, as exported, fills many rows: found once, then looked up as it is.
            if (url is not null && _participantByRawUrl.TryGetValue(url, out var known) && (name is null || _people[known].Name is not null))
            {
                return known;
            }

            var normalised = url is null ? null : directory.NormaliseUrl(url);
            if (normalised is { Length: 0 })
            {
                normalised = null;
            }

            string key;
            if (normalised is not null)
            {
                key = "u:" + normalised;
            }
            else if (name is not null)
            {
                key = "n:" + EvidenceCsv.FoldName(name);
            }
            else
            {
                return -1;
            }

            if (!_participantByKey.TryGetValue(key, out var id))
            {
                id = _people.Count;
                _people.Add(new Person(normalised, name));
                _participantByKey[key] = id;
            }
            else if (name is not null && _people[id].Name is null)
            {
                _people[id].Name = name;
            }

            if (url is not null && normalised is not null)
            {
                _participantByRawUrl[url] = id;
            }

            return id;
        }

        public void Add(string conversationId, int sender, List<int> recipients, DateTime time)
        {
            if (!_conversationById.TryGetValue(conversationId, out var conversation))
            {
                conversation = _members.Count;
                _members.Add([]);
                _conversationById[conversationId] = conversation;
            }

            var members = _members[conversation];
            members.Add(sender);
            foreach (var recipient in recipients)
            {
                if (recipient >= 0)
                {
                    members.Add(recipient);
                }
            }

            _messages.Add(new Message(conversation, sender, time.Ticks));
        }

        /// <summary>Tells the owner apart, then counts each other person's messages with the owner.</summary>
        public void Tally(IReadOnlyCollection<string> ownerNames, EvidenceBuilder evidence)
        {
            var canonical = Canonical();
            var members = _members
                .Select(set => set.Select(p => canonical[p]).ToHashSet())
                .ToList();
            var owners = Owners(canonical, members, ownerNames);
            if (owners.Count == 0)
            {
                return;
            }

            var tallies = new Dictionary<int, Tally>();
            foreach (var message in _messages)
            {
                var sender = canonical[message.Sender];
                if (owners.Contains(sender))
                {
                    foreach (var member in members[message.Conversation])
                    {
                        if (!owners.Contains(member))
                        {
                            TallyOf(tallies, member).Add(message.Ticks, fromOwner: true);
                        }
                    }
                }
                else
                {
                    TallyOf(tallies, sender).Add(message.Ticks, fromOwner: false);
                }
            }

            foreach (var conversation in members)
            {
                if (conversation.Count > 2)
                {
                    foreach (var member in conversation)
                    {
                        if (tallies.TryGetValue(member, out var tally))
                        {
                            tally.GroupConversations++;
                        }
                    }
                }
            }

            var byConnection = new Dictionary<string, (Tally Tally, EvidenceMatch Match)>(StringComparer.Ordinal);
            foreach (var (person, tally) in tallies)
            {
                if (!directory.TryFind(_people[person].Url, _people[person].Name, out var connectionId, out var match))
                {
                    continue;
                }

                if (byConnection.TryGetValue(connectionId, out var existing))
                {
                    existing.Tally.Merge(tally);
                    byConnection[connectionId] = (existing.Tally, match == EvidenceMatch.ProfileUrl ? match : existing.Match);
                }
                else
                {
                    byConnection[connectionId] = (tally, match);
                }
            }

            foreach (var (connectionId, (tally, match)) in byConnection)
            {
                evidence.SetMessages(connectionId, tally.ToEvidence(match));
            }
        }

        private static Tally TallyOf(Dictionary<int, Tally> tallies, int person)
        {
            if (!tallies.TryGetValue(person, out var tally))
            {
                tally = new Tally();
                tallies[person] = tally;
            }

            return tally;
        }

        /// <summary>
        /// Each person's canonical id: a name seen without a URL is the person with that name and a URL, when exactly
        /// one has it, so a row that lost its URL still counts for them.
        /// </summary>
        private int[] Canonical()
        {
            var withUrlByName = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _people.Count; i++)
            {
                if (_people[i] is { Url: not null, Name: { } name })
                {
                    var folded = EvidenceCsv.FoldName(name);
                    withUrlByName[folded] = withUrlByName.ContainsKey(folded) ? -1 : i;
                }
            }

            var canonical = new int[_people.Count];
            for (var i = 0; i < _people.Count; i++)
            {
                canonical[i] = _people[i] is { Url: null, Name: { } name }
                    && withUrlByName.TryGetValue(EvidenceCsv.FoldName(name), out var withUrl) && withUrl >= 0
                        ? withUrl
                        : i;
            }

            return canonical;
        }

        /// <summary>
        /// The owner's ids. The mailbox is the owner's, so the owner is in (nearly) every conversation: the person in the
        /// most conversations who is not a connection, preferring one named as in Profile.csv; every id with the owner's
        /// name (rows that lost their URL) is the owner too.
        /// </summary>
        private HashSet<int> Owners(int[] canonical, List<HashSet<int>> members, IReadOnlyCollection<string> ownerNames)
        {
            var conversations = new int[_people.Count];
            foreach (var conversation in members)
            {
                foreach (var member in conversation)
                {
                    conversations[member]++;
                }
            }

            var folded = ownerNames.Select(EvidenceCsv.FoldName).ToHashSet(StringComparer.Ordinal);
            var candidates = Enumerable.Range(0, _people.Count)
                .Where(i => canonical[i] == i && conversations[i] > 0)
                .OrderByDescending(i => _people[i].Name is { } name && folded.Contains(EvidenceCsv.FoldName(name)))
                .ThenBy(i => IsConnection(i))
                .ThenByDescending(i => conversations[i])
                .ThenBy(i => i)
                .ToList();
            if (candidates.Count == 0)
            {
                return [];
            }

            var owner = candidates[0];
            var owners = new HashSet<int> { owner };
            if (_people[owner].Name is { } ownerName)
            {
                folded.Add(EvidenceCsv.FoldName(ownerName));
            }

            for (var i = 0; i < _people.Count; i++)
            {
                if (canonical[i] == i && _people[i] is { Url: null, Name: { } name } && folded.Contains(EvidenceCsv.FoldName(name)))
                {
                    owners.Add(i);
                }
            }

            return owners;
        }

        private bool IsConnection(int person) => directory.TryFind(_people[person].Url, _people[person].Name, out _, out _);
    }

    private sealed class Person(string? url, string? name)
    {
        public string? Url { get; } = url;

        public string? Name { get; set; } = name;
    }

    private readonly record struct Message(int Conversation, int Sender, long Ticks);

    /// <summary>Counts and dates of one person's messages with the owner.</summary>
    private sealed class Tally
    {
        private long _first = long.MaxValue;
        private long _last = long.MinValue;

        public int FromOwner { get; private set; }

        public int ToOwner { get; private set; }

        public bool TheyWroteLast { get; private set; }

        public int GroupConversations { get; set; }

        public void Add(long ticks, bool fromOwner)
        {
            if (fromOwner)
            {
                FromOwner++;
            }
            else
            {
                ToOwner++;
            }

            _first = Math.Min(_first, ticks);
            if (ticks >= _last)
            {
                // Same second: the later row wins, as LinkedIn lists a conversation newest first and a tie is rare.
                TheyWroteLast = ticks > _last ? !fromOwner : TheyWroteLast || !fromOwner;
                _last = ticks;
            }
        }

        public void Merge(Tally other)
        {
            FromOwner += other.FromOwner;
            ToOwner += other.ToOwner;
            GroupConversations += other.GroupConversations;
            _first = Math.Min(_first, other._first);
            if (other._last > _last)
            {
                _last = other._last;
                TheyWroteLast = other.TheyWroteLast;
            }
        }

        public MessageEvidence ToEvidence(EvidenceMatch match) => new(
            FromOwner + ToOwner,
            FromOwner,
            ToOwner,
            DateOnly.FromDateTime(new DateTime(_first, DateTimeKind.Utc)),
            DateOnly.FromDateTime(new DateTime(_last, DateTimeKind.Utc)),
            TheyWroteLast,
            GroupConversations,
            match);
    }
}
