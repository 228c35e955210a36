using GoodwillFlow.Core.Evidence;

namespace GoodwillFlow.Core.Import.Archive;

/// <summary>Collects what each file of the archive says about each connection, then builds one record per connection.</summary>
internal sealed class EvidenceBuilder
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void SetMessages(string connectionId, MessageEvidence messages) => Get(connectionId).Messages = messages;

    public void AddRecommendation(string connectionId, RecommendationEvidence recommendation) =>
        Get(connectionId).Recommendations.Add(recommendation);

    public void AddEndorsement(string connectionId, string skill, DateOnly? date, EvidenceMatch match)
    {
        var entry = Get(connectionId);
        entry.Skills ??= [];
        entry.SkillSet ??= new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (entry.SkillSet.Add(skill))
        {
            entry.Skills.Add(skill);
        }

        if (date is { } d && (entry.LastEndorsed is null || d > entry.LastEndorsed))
        {
            entry.LastEndorsed = d;
        }

        // One endorsement tied by URL makes the person certain.
        entry.EndorsementMatch = entry.EndorsementMatch == EvidenceMatch.ProfileUrl || match == EvidenceMatch.ProfileUrl
            ? EvidenceMatch.ProfileUrl
            : EvidenceMatch.NameOnly;
    }

    /// <summary>Keeps the latest invitation when there were several (one declined or withdrawn, then another).</summary>
    public void SetInvitation(string connectionId, InvitationEvidence invitation)
    {
        var entry = Get(connectionId);
        if (entry.Invitation is null || (invitation.SentOn ?? DateOnly.MinValue) >= (entry.Invitation.SentOn ?? DateOnly.MinValue))
        {
            entry.Invitation = invitation;
        }
    }

    public IReadOnlyDictionary<string, ConnectionEvidence> Build()
    {
        var evidence = new Dictionary<string, ConnectionEvidence>(_entries.Count, StringComparer.Ordinal);
        foreach (var (id, entry) in _entries)
        {
            var endorsements = entry.Skills is { Count: > 0 } skills
                ? new EndorsementEvidence(skills, entry.LastEndorsed, entry.EndorsementMatch ?? EvidenceMatch.NameOnly)
                : null;
            var recommendations = entry.Recommendations
                .OrderBy(r => r.Date ?? DateOnly.MaxValue)
                .ToList();
            var built = new ConnectionEvidence(entry.Messages, recommendations, endorsements, entry.Invitation);
            if (!built.IsEmpty)
            {
                evidence[id] = built;
            }
        }

        return evidence;
    }

    private Entry Get(string connectionId)
    {
        if (!_entries.TryGetValue(connectionId, out var entry))
        {
            entry = new Entry();
            _entries[connectionId] = entry;
        }

        return entry;
    }

    private sealed class Entry
    {
        public MessageEvidence? Messages { get; set; }

        public List<RecommendationEvidence> Recommendations { get; } = [];

        public List<string>? Skills { get; set; }

        public HashSet<string>? SkillSet { get; set; }

        public DateOnly? LastEndorsed { get; set; }

        public EvidenceMatch? EndorsementMatch { get; set; }

        public InvitationEvidence? Invitation { get; set; }
    }
}
