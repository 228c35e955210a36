namespace GoodwillFlow.Core.Planning;

/// <summary>One scheduled prompt.</summary>
/// <param name="Sequence">Zero-based position in the campaign.</param>
/// <param name="ConnectionId">The connection the prompt is about.</param>
/// <param name="SendAt">The instant to send it (UTC offset).</param>
public sealed record PlannedPrompt(int Sequence, string ConnectionId, DateTimeOffset SendAt);
