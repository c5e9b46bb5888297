namespace Repro.Profiles;

/// <summary>
/// One place where a profile departs from the paper's protocol: which setting (a path such as
/// "Training.Epochs"), the paper's value, ours, and why. The report prints every one of them.
/// </summary>
public sealed record Deviation(string Setting, string PaperValue, string OurValue, string Reason);
