using System.Text;

namespace Repro.Reporting;

/// <summary>
/// HTML escaping for everything the report prints (DESIGN.md §6: names, paths and numbers come from
/// files a user controls). One encoder for text and attribute values: &amp; &lt; &gt; " ' are replaced,
/// so a value can never close an element or an attribute.
/// </summary>
public static class Html
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                // NUL and other C0 controls have no place in HTML text; keep tab and newlines.
                case < ' ' when c is not ('\t' or '\n' or '\r'): sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A fragment identifier safe in <c>id</c> and <c>href="#…"</c>: only [A-Za-z0-9_-], anything else becomes '-'.</summary>
    public static string Anchor(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-');
        return sb.Length == 0 ? "x" : sb.ToString();
    }
}
