namespace GoodwillFlow.Workflow.Orchestration;

/// <summary>
/// The input (and ContinueAsNew state) of <see cref="DripCampaignOrchestrator"/>: only a cursor, never the connection
/// list, so history stays small for 30,000 connections.
/// </summary>
/// <param name="CampaignId">The campaign (also the instance id).</param>
/// <param name="Cursor">The sequence number of the next prompt to send.</param>
/// <param name="Generation">How many times the orchestration has continued as new.</param>
/// <param name="Paused">Whether the campaign was paused when this generation started.</param>
/// <param name="Next">
/// The page this generation starts with, loaded by the previous one while its last prompt went out (ids and times only);
/// null to load it first.
/// </param>
public sealed record DripCampaignInput(string CampaignId, int Cursor = 0, int Generation = 0, bool Paused = false, CampaignGeneration? Next = null);

/// <summary>The orchestration's result.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="FinalState">Completed or Stopped.</param>
/// <param name="Sent">Prompts sent in total.</param>
/// <param name="ShortlistEntries">Entries in the compiled shortlist.</param>
public sealed record DripCampaignResult(string CampaignId, string FinalState, int Sent, int ShortlistEntries);
