using System.Globalization;
using System.Text;

namespace SupportBot.Review;

/// <summary>One row of a bar chart: a name (escaped here) and its two counts.</summary>
internal sealed record BarRow(string Label, int Opened, int Closed);

/// <summary>
/// The review page's charts as inline SVG, drawn on the server: nothing is fetched or run in the browser, and each
/// chart scales to the width of a phone (a viewBox, no fixed size). Every number is also written as text.
/// </summary>
internal static class ReviewCharts
{
    private const int Width = 600;
    private const int LabelWidth = 170;
    private const int RowHeight = 34;

    /// <summary>Horizontal bars, two per row (opened, closed), scaled to the largest count.</summary>
    public static string Bars(string title, IReadOnlyList<BarRow> rows, string openedLabel, string closedLabel)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var max = Math.Max(1, rows.Select(row => Math.Max(row.Opened, row.Closed)).DefaultIfEmpty(0).Max());
        var height = 30 + (rows.Count * RowHeight);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart bars\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"4\" width=\"12\" height=\"12\" fill=\"#2b6cb0\"/><text x=\"{LabelWidth + 16}\" y=\"15\" class=\"legend\">{E(openedLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + 120}\" y=\"4\" width=\"12\" height=\"12\" fill=\"#9ac3e6\"/><text x=\"{LabelWidth + 136}\" y=\"15\" class=\"legend\">{E(closedLabel)}</text>");
        var span = Width - LabelWidth - 50;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = 28 + (i * RowHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar-row\" data-label=\"{E(row.Label)}\"><text x=\"{LabelWidth - 8}\" y=\"{y + 18}\" text-anchor=\"end\" class=\"label\">{E(row.Label)}</text>");
            Bar(svg, "opened", LabelWidth, y + 2, row.Opened * span / max, row.Opened, "#2b6cb0");
            Bar(svg, "closed", LabelWidth, y + 16, row.Closed * span / max, row.Closed, "#9ac3e6");
            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A line over the weeks (oldest left), 0–100 %; a week with nothing settled is a gap, not a zero.</summary>
    public static string Line(string title, IReadOnlyList<CompliancePoint> points, Func<double?, string> percent)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(percent);
        const int Height = 220;
        const int Left = 44;
        const int Top = 26;
        const int Bottom = 180;
        var step = points.Count > 1 ? (Width - Left - 30) / (points.Count - 1) : 0;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart line\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\">");
        foreach (var level in new[] { 0, 50, 100 })
        {
            var y = Bottom - ((Bottom - Top) * level / 100);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - 10}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#ddd\"/><text x=\"{Left - 6}\" y=\"{y + 4}\" text-anchor=\"end\" class=\"axis\">{level}%</text>");
        }

        var segment = new List<string>();
        void Flush()
        {
            if (segment.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"trend\" fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"3\" points=\"{string.Join(' ', segment)}\"/>");
            }

            segment.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + (i * step);
            var point = points[i];
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height - 14}\" text-anchor=\"middle\" class=\"axis\">{E(point.Week[5..])}</text>");
            if (point.Rate is not { } rate)
            {
                Flush();
                continue;
            }

            var y = Bottom - (int)Math.Round((Bottom - Top) * rate);
            segment.Add(string.Create(CultureInfo.InvariantCulture, $"{x},{y}"));
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point\" data-week=\"{E(point.Week)}\" cx=\"{x}\" cy=\"{y}\" r=\"4\" fill=\"#2b6cb0\"/><text x=\"{x}\" y=\"{y - 9}\" text-anchor=\"middle\" class=\"value\">{E(percent(rate))}</text>");
        }

        Flush();
        return svg.Append("</svg>").ToString();
    }

    private static void Bar(StringBuilder svg, string kind, int x, int y, int width, int count, string colour) =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar {kind}\" data-count=\"{count}\" x=\"{x}\" y=\"{y}\" width=\"{Math.Max(width, count > 0 ? 2 : 0)}\" height=\"12\" fill=\"{colour}\"/><text x=\"{x + width + 6}\" y=\"{y + 11}\" class=\"value\">{count}</text>");

    private static string E(string text) => Encode(text);

    /// <summary>
    /// Escapes text for HTML content and quoted attributes: the five characters that can end either. Everything else
    /// stays as it is (WebUtility would turn "·" and Latin-1 letters into entities, which readers never see but searches do).
    /// </summary>
    public static string Encode(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);
}
