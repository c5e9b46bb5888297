namespace Repro.Profiles;

/// <summary>
/// Where the paper is ambiguous (PAPER-NOTES.md §2), the reading Repro takes, the alternatives and
/// why. Printed in the report beside the results, so that a reader can judge a mismatch.
/// </summary>
public sealed record ProtocolChoice(string Setting, string Chosen, string Alternatives, string Reason);
