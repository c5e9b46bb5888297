using System.Globalization;
using System.Text;

namespace Repro.Reporting.Plots;

/// <summary>A word-sized trend line of a metric across runs (oldest left), with the values in its tooltip.</summary>
public static class Sparkline
{
    /// <returns>Empty when there are fewer than two values: one point is no trend.</returns>
    public static string Render(IReadOnlyList<double> values, string title, int width = 90, int height = 20)
    {
        if (values.Count < 2) return "";
        double min = values.Min(), max = values.Max();
        if (max - min < 1e-12) { min -= 1; max += 1; }
        double X(int i) => 2 + i * (width - 4.0) / (values.Count - 1);
        double Y(double v) => height - 2 - (v - min) / (max - min) * (height - 4.0);
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"spark\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Html.Encode(title)}\">");
        svg.Append($"<title>{Html.Encode(title)}</title>");
        svg.Append($"<polyline fill=\"none\" points=\"{string.Join(" ", values.Select((v, i) => $"{N(X(i))},{N(Y(v))}"))}\"/>");
        svg.Append($"<circle cx=\"{N(X(values.Count - 1))}\" cy=\"{N(Y(values[^1]))}\" r=\"2\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
