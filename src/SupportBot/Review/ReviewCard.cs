using System.Text.Json.Nodes;
using SupportBot.Common;
using static SupportBot.Engineering.CardElements;

namespace SupportBot.Review;

/// <summary>
/// The weekly review as an Adaptive Card (schema 1.5): every figure with its change against the week before, the
/// recurring problems with their ticket numbers, the comments, and a button that opens the review page. Reporters'
/// words (titles, problems, systems, comments) are escaped.
/// </summary>
internal static class ReviewCard
{
    public static JsonObject Render(ReviewView view, Uri page, string openLabel, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(text);
        var body = new JsonArray
        {
            Text(view.Heading, weight: "Bolder", size: "Medium"),
            Text(view.Period, subtle: true, spacing: "None"),
            Rows(view.Summary),
        };
        Section(body, text("review.byCategory"), view.ByCategory);
        Section(body, text("review.byPriority"), view.ByPriority);

        body.Add(Text(text("review.recurring"), weight: "Bolder", spacing: "Medium"));
        if (view.Recurring.Count == 0)
        {
            body.Add(Text(text("review.recurring.none"), subtle: true));
        }

        foreach (var problem in view.Recurring)
        {
            body.Add(Text(string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "{0} · {1}: {2} — {3}× ({4})",
                ReporterText.Escape(problem.System),
                problem.By,
                ReporterText.Escape(problem.Problem),
                problem.Count,
                problem.Change)));
            body.Add(Text(string.Join(", ", problem.Tickets), subtle: true, spacing: "None"));
        }

        Section(body, text("review.topSystems"), [.. view.TopSystems.Select(row => row with { Label = ReporterText.Escape(row.Label) })]);
        Section(body, text("review.times"), view.Times);
        Section(body, text("review.compliance"), view.Compliance);
        Section(body, text("review.satisfaction"), view.Satisfaction);
        body.Add(Text(text("review.comments"), weight: "Bolder", spacing: "Medium"));
        body.Add(view.Comments.Count == 0
            ? Text(text("review.comments.none"), subtle: true)
            : Text(string.Join("\n\n", view.Comments.Select(comment => "“" + ReporterText.Escape(comment) + "”"))));
        body.Add(Text(text("review.deflection"), weight: "Bolder", spacing: "Medium"));
        body.Add(view.Deflection.Count > 0 ? Rows(view.Deflection) : Text(view.DeflectionNote ?? "", subtle: true));

        var card = Card(body);
        card["actions"] = new JsonArray { new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = openLabel, ["url"] = page.AbsoluteUri } };
        return card;
    }

    private static void Section(JsonArray body, string title, IReadOnlyList<ReviewRow> rows)
    {
        body.Add(Text(title, weight: "Bolder", spacing: "Medium"));
        body.Add(rows.Count == 0 ? Text("—", subtle: true) : Rows(rows));
    }

    /// <summary>Figures as a fact set: name → "value · change".</summary>
    private static JsonObject Rows(IEnumerable<ReviewRow> rows) => Facts(rows.Select(row => (row.Label, $"{row.Value} · {row.Change}")));
}
