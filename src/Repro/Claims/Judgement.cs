namespace Repro.Claims;

/// <summary>
/// What a comparison concludes once the measurement's uncertainty is taken into account: the claim holds,
/// fails, or the threshold lies inside the uncertainty (inconclusive at this scale). Combines with Kleene's
/// three-valued logic, so the claim rules read as before (<c>AtMost(q, 30) &amp;&amp; AtLeast(fr, 95)</c>): a
/// conjunction fails when any part fails, holds when every part holds, and is inconclusive otherwise.
/// A plain bool converts (an exact, deterministic check: as-is RFR = 1).
/// </summary>
public readonly record struct Judgement
{
    enum Value { Fails, Inconclusive, Holds }

    readonly Value value;

    Judgement(Value value) => this.value = value;

    public static Judgement Holds { get; } = new(Value.Holds);
    public static Judgement Fails { get; } = new(Value.Fails);
    public static Judgement Inconclusive { get; } = new(Value.Inconclusive);

    public bool IsHolds => value == Value.Holds;
    public bool IsFails => value == Value.Fails;
    public bool IsInconclusive => value == Value.Inconclusive;

    /// <summary>Holds when <paramref name="certainlyTrue"/>, fails when <paramref name="certainlyFalse"/>, otherwise inconclusive.</summary>
    public static Judgement Of(bool certainlyTrue, bool certainlyFalse) =>
        certainlyTrue ? Holds : certainlyFalse ? Fails : Inconclusive;

    /// <summary>The conjunction of all (holds for none).</summary>
    public static Judgement All(IEnumerable<Judgement> judgements) => judgements.Aggregate(Holds, (a, b) => a & b);

    public static implicit operator Judgement(bool exact) => exact ? Holds : Fails;

    public static Judgement operator &(Judgement a, Judgement b) => new((Value)Math.Min((int)a.value, (int)b.value));
    public static Judgement operator |(Judgement a, Judgement b) => new((Value)Math.Max((int)a.value, (int)b.value));
    public static Judgement operator !(Judgement a) => new((Value)(2 - (int)a.value));

    // With these, && and || short-circuit on a certain outcome and otherwise combine by & and |.
    public static bool operator true(Judgement a) => a.value == Value.Holds;
    public static bool operator false(Judgement a) => a.value == Value.Fails;

    public override string ToString() => value.ToString();
}
