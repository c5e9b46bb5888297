using Repro.Reporting;
using System.Text.Json;

namespace Repro.Claims;

/// <summary>
/// Claims documented as not reproducible at a profile's scale, with the verdict they get there and the reason:
/// <c>baselines/&lt;profile&gt;/claims.json</c> = { "Experiment": { "ClaimId": { "verdict": "fails" | "inconclusive",
/// "reason": "why it cannot show here" } } } (a plain string reason means "fails"). Such a claim still runs; its
/// verdict is shown with the reason, and the claim test pins the verdict (not a value on a knife edge), so it is
/// never a silent pass and never silently changes either.
/// </summary>
public sealed class ClaimExpectations
{
    /// <summary>A documented verdict: Fails or Inconclusive, and why.</summary>
    public sealed record Documented(ClaimOutcome Verdict, string Reason);

    readonly Dictionary<string, Dictionary<string, Documented>> notAtThisScale;

    ClaimExpectations(Dictionary<string, Dictionary<string, Documented>> notAtThisScale) => this.notAtThisScale = notAtThisScale;

    public static ClaimExpectations None { get; } = new(new());

    /// <param name="claimsOf">The claims an experiment has (null for an unknown experiment): what the file may name.</param>
    /// <param name="fileName">claims.json, or a variant such as claims-5seeds.json (the causes documented for that profile's five-seed result).</param>
    public static ClaimExpectations For(string baselinesRoot, string profile, Func<string, IReadOnlyList<Claim>?> claimsOf, string fileName = "claims.json")
    {
        var path = Path.Combine(baselinesRoot, profile, fileName);
        if (!File.Exists(path)) return None;
        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, JsonElement>>>(File.ReadAllText(path))
                ?? throw new JsonException("the file is empty");
            var documented = new Dictionary<string, Dictionary<string, Documented>>();
            foreach (var (experiment, claims) in parsed)
            {
                var known = (claimsOf(experiment) ?? throw new BaselineFormatException(path, 0, experiment, $"there is no experiment '{experiment}'"))
                    .Select(c => c.Id).ToHashSet();
                var entries = documented[experiment] = new Dictionary<string, Documented>();
                foreach (var (id, entry) in claims)
                {
                    if (!known.Contains(id))
                        throw new BaselineFormatException(path, 0, $"{experiment}.{id}", $"{experiment} has no claim '{id}' (known: {string.Join(", ", known)})");
                    entries[id] = Parse(entry, path, $"{experiment}.{id}");
                }
            }
            return new ClaimExpectations(documented);
        }
        catch (JsonException e)
        {
            throw new BaselineFormatException(path, (int)(e.LineNumber ?? -1) + 1, "", $"not valid claims JSON ({e.Message}); expected {{ \"Experiment\": {{ \"ClaimId\": {{ \"verdict\": \"fails\" or \"inconclusive\", \"reason\": \"...\" }} }} }}");
        }
    }

    /// <summary>These documented claims, and <paramref name="fallback"/>'s where these do not document a claim.</summary>
    public ClaimExpectations Or(ClaimExpectations fallback)
    {
        var merged = fallback.notAtThisScale.ToDictionary(e => e.Key, e => new Dictionary<string, Documented>(e.Value));
        foreach (var (experiment, claims) in notAtThisScale)
        {
            if (!merged.TryGetValue(experiment, out var entries)) merged[experiment] = entries = new Dictionary<string, Documented>();
            foreach (var (id, documented) in claims) entries[id] = documented;
        }
        return new ClaimExpectations(merged);
    }

    /// <summary>
    /// <paramref name="verdict"/> with its documented cause beside it when this file documents the claim (pinned: the
    /// documented verdict is the expected one), else unchanged. <paramref name="scale"/> names the profile the documentation is for.
    /// </summary>
    public ClaimVerdict Annotate(ClaimVerdict verdict, string experiment, string claimId, string scale) =>
        Expected(experiment, claimId) is { } documented
            ? verdict with
            {
                Explanation = $"{verdict.Explanation} Documented as {documented.Verdict.ToString().ToLowerInvariant()} at the '{scale}' scale: {documented.Reason}",
                DocumentedAtThisScale = documented.Reason,
                DocumentedOutcome = documented.Verdict,
            }
            : verdict;

    /// <summary>The documented verdict and reason when the claim is not expected to hold at this scale, or null.</summary>
    public Documented? Expected(string experiment, string claimId) =>
        notAtThisScale.TryGetValue(experiment, out var claims) && claims.TryGetValue(claimId, out var documented) ? documented : null;

    static Documented Parse(JsonElement entry, string path, string where)
    {
        if (entry.ValueKind == JsonValueKind.String)
            return new Documented(ClaimOutcome.Fails, RequireReason(entry.GetString(), path, where));
        if (entry.ValueKind != JsonValueKind.Object)
            throw new BaselineFormatException(path, 0, where, $"expected {{ \"verdict\": \"fails\" or \"inconclusive\", \"reason\": \"...\" }}, got {entry.ValueKind}");
        string? verdict = entry.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        string? reason = entry.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var outcome = verdict?.Trim().ToLowerInvariant() switch
        {
            "fails" => ClaimOutcome.Fails,
            "inconclusive" => ClaimOutcome.Inconclusive,
            _ => throw new BaselineFormatException(path, 0, where, $"\"verdict\" must be \"fails\" or \"inconclusive\", got {(verdict is null ? "nothing" : $"'{verdict}'")}"),
        };
        return new Documented(outcome, RequireReason(reason, path, where));
    }

    static string RequireReason(string? reason, string path, string where) =>
        string.IsNullOrWhiteSpace(reason) ? throw new BaselineFormatException(path, 0, where, "needs a reason why it does not reproduce at this scale") : reason;
}
