using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using GoodwillFlow.Core.Connections;
using GoodwillFlow.Core.Replies;

namespace GoodwillFlow.Workflow.Storage;

/// <summary>Maps campaigns, connections and replies to table entities and back.</summary>
internal static class TableEntityMapping
{
    /// <summary>The row key of the one campaign entity in a campaign's partition of the campaigns table.</summary>
    public const string CampaignRowKey = "campaign";

    /// <summary>
    /// Schedule index rows share the connections' partition (so a connection and its index row commit in one
    /// transaction) and sort after every connection id: '~' is above every character a connection id can hold.
    /// </summary>
    public const string SchedulePrefix = "~s";

    /// <summary>The exclusive upper bound of schedule row keys.</summary>
    public const string ScheduleEnd = "~t";

    /// <summary>Everything below this row key is a connection row.</summary>
    public const string ConnectionRowsEnd = "~";

    /// <summary>
    /// The campaign's counters (total, sent, replied) in the connections' partition, after every connection id and before
    /// the schedule rows, so a send mark and its count commit in one transaction and progress is one point read.
    /// </summary>
    public const string ProgressRowKey = "~c";

    /// <summary>
    /// A copy of each replied connection's row (<c>~r{connectionId}</c>), written in the transaction that marks its first
    /// reply, so the replied connections are one contiguous range (after the counters, before the schedule) rather than a
    /// filter over every row of the partition.
    /// </summary>
    public const string RepliedCopyPrefix = "~r";

    /// <summary>The exclusive upper bound of the replied copies' row keys.</summary>
    public const string RepliedCopyEnd = "~s";

    /// <summary>
    /// On a schedule index row: whether its prompt is done (sent or answered ahead), set in the transaction that moves the
    /// connection row, so the open prompts after a cursor are one range read of the small index rows.
    /// </summary>
    public const string ScheduleDoneColumn = "Done";

    /// <summary>Set on a connection row once its first reply is saved (so a reply saved again is not counted again).</summary>
    public const string RepliedColumn = "Replied";

    public const string TotalCounter = "Total";
    public const string SentCounter = "Sent";
    public const string RepliedCounter = "Replied";
    public const string ImportingCounter = "Importing";
    public const string AnsweredAheadCounter = "AnsweredAhead";

    // A string property holds at most 64 KiB (32K UTF-16 chars); long JSON is split over numbered properties,
    // bounded well under the 1 MiB entity limit.
    internal const int MaxCharsPerProperty = 30_000;
    internal const int MaxChunks = 15;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Stored, never rendered: keep non-ASCII as is so names do not grow sixfold as \u escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ScheduleRowKey(int sequence) =>
        SchedulePrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity ToCampaignEntity(CampaignRecord campaign)
    {
        var entity = new TableEntity(campaign.CampaignId, CampaignRowKey)
        {
            ["SourceName"] = campaign.SourceName,
            ["CreatedAt"] = campaign.CreatedAt.ToUniversalTime(),
            ["State"] = campaign.State.ToString(),
            ["StateReason"] = campaign.StateReason,
            ["OwnerLinkNonce"] = (long)campaign.OwnerLinkNonce,
        };
        WriteLargeString(entity, "Settings", JsonSerializer.Serialize(campaign.Settings, Json));
        WriteLargeString(entity, "ContentHashes", JsonSerializer.Serialize(campaign.ContentHashes, Json));
        return entity;
    }

    public static CampaignRecord ToCampaign(TableEntity entity) => new(
        entity.PartitionKey,
        JsonSerializer.Deserialize<CampaignSettings>(ReadLargeString(entity, "Settings") ?? "null", Json)
            ?? throw new InvalidDataException($"Campaign {entity.PartitionKey} has no settings."),
        entity.GetString("SourceName") ?? "",
        JsonSerializer.Deserialize<List<string>>(ReadLargeString(entity, "ContentHashes") ?? "[]", Json) ?? [],
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        Enum.Parse<CampaignState>(entity.GetString("State") ?? nameof(CampaignState.Running)),
        entity.GetString("StateReason"),
        (uint)(entity.GetInt64("OwnerLinkNonce") ?? 0));

    public static TableEntity ToConnectionEntity(string campaignId, CampaignConnection item)
    {
        var c = item.Connection;
        var entity = new TableEntity(campaignId, c.Id)
        {
            ["Sequence"] = item.Sequence,
            ["PlannedAt"] = item.PlannedAt.ToUniversalTime(),
            ["SendState"] = item.SendState.ToString(),
            ["SentAt"] = item.SentAt?.ToUniversalTime(),
            ["FirstName"] = c.FirstName,
            ["LastName"] = c.LastName,
            ["Url"] = c.Url,
            ["EmailAddress"] = c.EmailAddress,
            ["Company"] = c.Company,
            ["Position"] = c.Position,
            ["ConnectedOn"] = c.ConnectedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        EvidenceColumn.Write(entity, item.Evidence);
        return entity;
    }

    public static TableEntity ToScheduleEntity(string campaignId, CampaignConnection item) =>
        new(campaignId, ScheduleRowKey(item.Sequence))
        {
            ["ConnectionId"] = item.Connection.Id,
            ["Sequence"] = item.Sequence,
            [ScheduleDoneColumn] = item.IsDone,
        };

    /// <summary>The replied copy of a connection row: every property of <paramref name="row"/>, marked replied.</summary>
    public static TableEntity ToRepliedCopy(TableEntity row)
    {
        var copy = new TableEntity(row.PartitionKey, RepliedCopyPrefix + row.RowKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[name] = value;
            }
        }

        copy[RepliedColumn] = true;
        return copy;
    }

    /// <summary>Reads a replied copy as the connection it copies.</summary>
    public static CampaignConnection FromRepliedCopy(TableEntity copy)
    {
        copy.RowKey = copy.RowKey[RepliedCopyPrefix.Length..];
        return ToConnection(copy);
    }

    public static CampaignConnection ToConnection(TableEntity entity)
    {
        var connectedOn = entity.GetString("ConnectedOn");
        var connection = new Connection(
            entity.RowKey,
            entity.GetString("FirstName") ?? "",
            entity.GetString("LastName") ?? "",
            entity.GetString("Url"),
            entity.GetString("EmailAddress"),
            entity.GetString("Company"),
            entity.GetString("Position"),
            connectedOn is null ? null : DateOnly.ParseExact(connectedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new CampaignConnection(
            connection,
            entity.GetInt32("Sequence") ?? 0,
            entity.GetDateTimeOffset("PlannedAt") ?? DateTimeOffset.MinValue,
            ReadSendState(entity),
            entity.GetDateTimeOffset("SentAt"),
            entity.GetBoolean(RepliedColumn) == true,
            EvidenceColumn.Read(entity));
    }

    public static CampaignProgress ToProgress(TableEntity entity) => new(
        entity.GetInt32(TotalCounter) ?? 0,
        entity.GetInt32(SentCounter) ?? 0,
        entity.GetInt32(RepliedCounter) ?? 0,
        entity.GetBoolean(ImportingCounter) ?? false,
        entity.GetInt32(AnsweredAheadCounter) ?? 0);

    public static TableEntity ToProgressEntity(string campaignId, CampaignProgress progress) =>
        new(campaignId, ProgressRowKey)
        {
            [TotalCounter] = progress.Total,
            [SentCounter] = progress.Sent,
            [RepliedCounter] = progress.Replied,
            [ImportingCounter] = progress.Importing,
            [AnsweredAheadCounter] = progress.AnsweredAhead,
        };

    public static PromptSendState ReadSendState(TableEntity entity) =>
        Enum.TryParse<PromptSendState>(entity.GetString("SendState"), out var state) ? state : PromptSendState.Pending;

    public static TableEntity ToReplyEntity(RecordedReply reply)
    {
        var entity = new TableEntity(reply.CampaignId, reply.ConnectionId)
        {
            ["Channel"] = reply.Channel.ToString(),
            ["ReceivedAt"] = reply.ReceivedAt.ToUniversalTime(),
        };
        WriteLargeString(entity, "Answers", JsonSerializer.Serialize(reply.Answers, Json));
        return entity;
    }

    public static RecordedReply ToReply(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        JsonSerializer.Deserialize<ReplyAnswers>(ReadLargeString(entity, "Answers") ?? "{}", Json) ?? new ReplyAnswers(),
        Enum.Parse<ReplyChannel>(entity.GetString("Channel") ?? nameof(ReplyChannel.ReplyPage)),
        entity.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue);

    /// <summary>Writes <paramref name="value"/> over <c>name</c>, <c>name_1</c>, <c>name_2</c>… (only with replace semantics).</summary>
    public static void WriteLargeString(TableEntity entity, string name, string value)
    {
        if (value.Length > MaxCharsPerProperty * MaxChunks)
        {
            throw new InvalidOperationException(
                $"The {name} of {entity.PartitionKey}/{entity.RowKey} is {value.Length} characters; table storage keeps at most {MaxCharsPerProperty * MaxChunks}.");
        }

        var start = 0;
        var index = 0;
        do
        {
            var length = Math.Min(MaxCharsPerProperty, value.Length - start);

            // Never end a chunk inside a surrogate pair: each property must be valid UTF-16 on the wire.
            if (length > 0 && start + length < value.Length && char.IsHighSurrogate(value[start + length - 1]))
            {
                length--;
            }

            entity[index == 0 ? name : $"{name}_{index}"] = value.Substring(start, length);
            start += length;
            index++;
        }
        while (start < value.Length);
    }

    public static string? ReadLargeString(TableEntity entity, string name)
    {
        var first = entity.GetString(name);
        if (first is null)
        {
            return null;
        }

        if (!entity.ContainsKey($"{name}_1"))
        {
            return first;
        }

        var builder = new System.Text.StringBuilder(first);
        for (var index = 1; entity.GetString($"{name}_{index}") is { } next; index++)
        {
            builder.Append(next);
        }

        return builder.ToString();
    }
}
