using System.Text;

namespace Repro.Reporting;

/// <summary>The page's opening: does the paper hold? Each headline finding, its verdict at each profile measured, the paper's numbers beside the measured ones.</summary>
public static partial class HtmlReport
{
    private static void RenderFindings(StringBuilder h, ReportModel model)
    {
        var findings = model.Findings ?? Array.Empty<FindingVerdict>();
        h.Append("<section id=\"findings\">\n<h2>Does the paper hold? Its headline findings</h2>\n");
        if (findings.Count == 0)
        {
            h.Append("<p class=\"empty\">No finding judged yet: run <code>repro reproduce --profile mini</code> (Table I, about 8 minutes cold) and this section fills in.</p>\n</section>\n");
            return;
        }
        var profiles = findings.Select(f => f.Profile).Distinct().ToList();
        h.Append("<p>Each finding is judged over every pair a profile measures: its relation (a sibling against no prior, an unpaired sibling against its original) ")
            .Append("at every scale, and a number that depends on the scale only at the paper's. Verdicts hold or fail at two standard uncertainties.</p>\n");
        h.Append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Headline findings\"><table class=\"findings\">\n<thead><tr><th scope=\"col\">Finding (paper)</th>");
        foreach (var profile in profiles) h.Append("<th scope=\"col\">").Append(E(profile)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var group in findings.GroupBy(f => f.Id))
        {
            var first = group.First();
            h.Append("<tr><th scope=\"row\"><p class=\"finding\">").Append(E(first.Statement)).Append("</p><p class=\"paper-quote\">")
                .Append(E(first.PaperSource)).Append(": “").Append(E(first.PaperQuote)).Append("”</p><p class=\"paper-numbers\">Paper: ")
                .Append(E(first.PaperNumbers)).Append("</p></th>");
            foreach (var profile in profiles)
            {
                var v = group.FirstOrDefault(f => f.Profile == profile);
                if (v is null)
                {
                    h.Append("<td class=\"v-not-measured\">not run at this profile</td>");
                    continue;
                }
                h.Append("<td class=\"").Append(OutcomeClass(v.Overall)).Append("\"><p class=\"verdict\">").Append(E(OutcomeWord(v.Overall))).Append("</p>")
                    .Append("<p><b>Relation</b> (").Append(E(v.RelationRule)).Append("): ").Append(E(OutcomeWord(v.Relation))).Append(". ").Append(E(v.RelationExplanation)).Append("</p>");
                if (v.MagnitudeRule is not null)
                    h.Append("<p><b>Number</b> (").Append(E(v.MagnitudeRule)).Append("): ")
                        .Append(E(v.Magnitude is { } m ? OutcomeWord(m) + ". " : "")).Append(E(v.MagnitudeExplanation)).Append("</p>");
                if (v.Pairs.Count > 0)
                {
                    h.Append("<details><summary>").Append(v.Pairs.Count).Append(" pair").Append(v.Pairs.Count == 1 ? "" : "s").Append(" measured</summary><ul>");
                    foreach (var pair in v.Pairs) h.Append("<li>").Append(E(pair)).Append("</li>");
                    h.Append("</ul></details>");
                }
                h.Append("<p class=\"basis\">").Append(E(v.Basis)).Append("</p></td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static string OutcomeWord(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "holds",
        ClaimOutcome.Fails => "fails",
        ClaimOutcome.Inconclusive => "inconclusive at this scale",
        _ => "not measured",
    };

    private static string OutcomeClass(ClaimOutcome outcome) => outcome switch
    {
        ClaimOutcome.Holds => "v-reproduced",
        ClaimOutcome.Fails => "v-not-reproduced",
        ClaimOutcome.Inconclusive => "v-inconclusive",
        _ => "v-not-measured",
    };
}
