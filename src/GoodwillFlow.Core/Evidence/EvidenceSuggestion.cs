namespace GoodwillFlow.Core.Evidence;

/// <summary>An answer the reply page pre-selects because the owner's archive is clear about it; the owner still decides.</summary>
/// <param name="Strength">The relationship strength (1 to 5) to pre-select.</param>
/// <param name="Reason">Why, in a few words for the owner ("Your LinkedIn archive suggests a strong tie").</param>
public sealed record EvidenceSuggestion(int Strength, string Reason);
