using System.Text.Json;

namespace Repro.Experiments.Claims;

/// <summary>
/// Claims documented as not reproducible at a profile's scale, with the reason:
/// <c>baselines/&lt;profile&gt;/claims.json</c> = { "Experiment": { "ClaimId": "why it cannot show here" } }.
/// Such a claim still runs; its verdict (Fails) is shown with the reason, and the claim test pins it,
/// so it is never a silent pass and never silently starts holding either.
/// </summary>
public sealed class ClaimExpectations
{
    readonly Dictionary<string, Dictionary<string, string>> notAtThisScale;

    ClaimExpectations(Dictionary<string, Dictionary<string, string>> notAtThisScale) => this.notAtThisScale = notAtThisScale;

    public static ClaimExpectations None { get; } = new(new());

    public static ClaimExpectations For(string baselinesRoot, string profile)
    {
        var path = Path.Combine(baselinesRoot, profile, "claims.json");
        if (!File.Exists(path)) return None;
        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(File.ReadAllText(path))
                ?? throw new JsonException("the file is empty");
            foreach (var (experiment, claims) in parsed)
            {
                var known = ClaimCatalog.For(experiment).Select(c => c.Id).ToHashSet();
                foreach (var (id, reason) in claims)
                {
                    if (!known.Contains(id))
                        throw new InvalidDataException($"'{path}': {experiment} has no claim '{id}' (known: {string.Join(", ", known)})");
                    if (string.IsNullOrWhiteSpace(reason))
                        throw new InvalidDataException($"'{path}': {experiment}.{id} needs a reason why it does not reproduce at this scale");
                }
            }
            return new ClaimExpectations(parsed);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid claims JSON ({e.Message}); expected {{ \"Experiment\": {{ \"ClaimId\": \"reason\" }} }}", e);
        }
    }

    /// <summary>The documented reason the claim does not hold at this scale, or null when it is expected to hold.</summary>
    public string? Expected(string experiment, string claimId) =>
        notAtThisScale.TryGetValue(experiment, out var claims) && claims.TryGetValue(claimId, out var reason) ? reason : null;
}
