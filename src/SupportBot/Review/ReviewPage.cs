using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;

namespace SupportBot.Review;

/// <summary>
/// <c>GET /review/weekly?t=…&amp;lang=…</c>: the review page a card links to, the card's figures as charts and tables,
/// rendered on the server (HTML and inline SVG: no script, nothing from elsewhere), readable on a phone. The signed
/// link is the only credential; an altered or expired one gets a page saying so in both languages, and no figures.
/// Every answer is <c>no-store</c>, sends no referrer and carries a CSP that allows only its own inline style.
/// </summary>
internal static class ReviewPage
{
    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReviewLinks.Path, RenderAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task RenderAsync(HttpContext http, ReviewLinks links, WeeklyReviewer reviewer, ReviewPresenter presenter, SupportRoster roster, Localizer localizer)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'nonce-{nonce}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        http.Response.ContentType = "text/html; charset=utf-8";

        var token = http.Request.Query["t"].ToString();
        var locale = Localizer.Normalize(http.Request.Query["lang"].ToString() is { Length: > 0 } lang ? lang : null);
        var (link, refusal) = await links.ReadAsync(token);
        if (link is null || (link.Team is { } team && roster.FindTeam(team) is null) || reviewer.WeekOf(link.Week, link.Team) is null)
        {
            http.Response.StatusCode = refusal == LinkRefusal.Expired ? StatusCodes.Status410Gone : refusal == LinkRefusal.Altered ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            var key = refusal switch { LinkRefusal.Expired => "review.page.refused.expired", LinkRefusal.Altered => "review.page.refused.altered", _ => "review.page.unknown" };
            await http.Response.WriteAsync(Refused(nonce, localizer, key));
            return;
        }

        var review = reviewer.Review(link.Week, link.Team);
        var view = presenter.Present(review, locale);
        var other = locale == Localizer.Chinese ? Localizer.English : Localizer.Chinese;
        var page = new StringBuilder();
        string L(string key, params object?[] args) => localizer.Get(locale, key, args);
        Open(page, nonce, locale, view.Heading);
        page.Append(CultureInfo.InvariantCulture, $"<header><h1>{E(view.Heading)}</h1><p class=\"sub\">{E(view.Period)}</p>");
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"sub\"><a lang=\"{other}\" href=\"{E(ReviewLinks.Path)}?t={E(Uri.EscapeDataString(token))}&amp;lang={other}\">{E(L("review.page.language"))}</a> · ");
        page.Append(CultureInfo.InvariantCulture, $"{E(L("review.page.expires", localizer.Time(link.ExpiresAt, reviewer.ZoneOf(link.Team), locale, "format.dateTimeFull")))}</p></header>");
        Table(page, "summary", null, L("review.page.figure"), L("review.page.thisWeek"), view.Summary);

        page.Append(CultureInfo.InvariantCulture, $"<section id=\"volume\"><h2>{E(L("review.page.volume"))}</h2>");
        var week = review.Week;
        page.Append(ReviewCharts.Bars(L("review.byCategory"), Bars(week.ByCategory, week.ClosedByCategory, key => presenter.CategoryName(key, locale)), L("review.page.opened"), L("review.page.closed")));
        page.Append(ReviewCharts.Bars(L("review.byPriority"), Bars(week.ByPriority, week.ClosedByPriority, key => presenter.PriorityName(key, locale)), L("review.page.opened"), L("review.page.closed")));
        page.Append("</section>");

        page.Append(CultureInfo.InvariantCulture, $"<section id=\"trend\"><h2>{E(L("review.compliance.trend"))}</h2>");
        page.Append(ReviewCharts.Line(L("review.compliance.trend"), reviewer.ComplianceTrend(link.Week, link.Team), rate => presenter.Percent(rate, locale)));
        page.Append("</section>");

        page.Append(CultureInfo.InvariantCulture, $"<section id=\"recurring\"><h2>{E(L("review.recurring"))}</h2>");
        if (view.Recurring.Count == 0)
        {
            page.Append(CultureInfo.InvariantCulture, $"<p>{E(L("review.recurring.none"))}</p>");
        }
        else
        {
            page.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table><thead><tr><th>{E(L("review.page.system"))}</th><th>{E(L("review.page.problem"))}</th><th>{E(L("review.page.count"))}</th><th>{E(L("review.page.numbers"))}</th></tr></thead><tbody>");
            foreach (var problem in view.Recurring)
            {
                page.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(problem.System)}</td><td><span class=\"by\">{E(problem.By)}</span> {E(problem.Problem)}<br><span class=\"sub\">{E(problem.Title ?? "")}</span></td>");
                page.Append(CultureInfo.InvariantCulture, $"<td>{problem.Count}<br><span class=\"sub\">{E(problem.Change)}</span></td><td class=\"numbers\">{string.Join("<br>", problem.Tickets.Select(E))}</td></tr>");
            }

            page.Append("</tbody></table></div>");
        }

        page.Append("</section>");
        Table(page, "systems", L("review.topSystems"), L("review.page.system"), L("review.page.count"), view.TopSystems);
        Table(page, "times", L("review.times"), L("review.page.figure"), L("review.page.thisWeek"), view.Times);
        Table(page, "compliance", L("review.compliance"), L("review.page.figure"), L("review.page.thisWeek"), view.Compliance);
        Table(page, "satisfaction", L("review.satisfaction"), L("review.page.figure"), L("review.page.thisWeek"), view.Satisfaction);
        page.Append(CultureInfo.InvariantCulture, $"<section id=\"comments\"><h2>{E(L("review.comments"))}</h2>");
        page.Append(view.Comments.Count == 0 ? $"<p>{E(L("review.comments.none"))}</p>" : $"<ul>{string.Concat(view.Comments.Select(c => $"<li>{E(c)}</li>"))}</ul>");
        page.Append("</section>");
        if (view.Deflection.Count > 0)
        {
            Table(page, "deflection", L("review.deflection"), L("review.page.figure"), L("review.page.thisWeek"), view.Deflection);
        }
        else
        {
            page.Append(CultureInfo.InvariantCulture, $"<section id=\"deflection\"><h2>{E(L("review.deflection"))}</h2><p>{E(view.DeflectionNote ?? "")}</p></section>");
        }

        page.Append("</main></body></html>");
        await http.Response.WriteAsync(page.ToString());
    }

    private static List<BarRow> Bars(IReadOnlyList<CountFigure> opened, IReadOnlyList<CountFigure> closed, Func<string, string> name) =>
        [.. opened.Select(f => f.Key).Union(closed.Select(f => f.Key), StringComparer.Ordinal)
            .Select(key => new BarRow(name(key), opened.FirstOrDefault(f => f.Key == key)?.Count ?? 0, closed.FirstOrDefault(f => f.Key == key)?.Count ?? 0))];

    private static void Table(StringBuilder page, string id, string? title, string first, string second, IReadOnlyList<ReviewRow> rows)
    {
        page.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\">");
        if (title is not null)
        {
            page.Append(CultureInfo.InvariantCulture, $"<h2>{E(title)}</h2>");
        }

        page.Append(CultureInfo.InvariantCulture, $"<div class=\"scroll\"><table><thead><tr><th>{E(first)}</th><th>{E(second)}</th><th></th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(row.Label)}</td><td class=\"value\">{E(row.Value)}</td><td class=\"sub\">{E(row.Change)}</td></tr>");
        }

        page.Append("</tbody></table></div></section>");
    }

    private static string Refused(string nonce, Localizer localizer, string key)
    {
        var page = new StringBuilder();
        Open(page, nonce, Localizer.English, localizer.Get(Localizer.English, "review.page.refused.title"));
        foreach (var language in Localizer.Languages)
        {
            page.Append(CultureInfo.InvariantCulture, $"<section class=\"refused\" lang=\"{language}\"><h1>{E(localizer.Get(language, "review.page.refused.title"))}</h1><p>{E(localizer.Get(language, key))}</p></section>");
        }

        return page.Append("</main></body></html>").ToString();
    }

    private static void Open(StringBuilder page, string nonce, string locale, string title)
    {
        page.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{locale}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<meta name=\"referrer\" content=\"no-referrer\">");
        page.Append(CultureInfo.InvariantCulture, $"<title>{E(title)}</title><style nonce=\"{nonce}\">{Style}</style></head><body><main>");
    }

    private const string Style =
        "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:#1a202c;background:#f7fafc}" +
        "main{max-width:960px;margin:0 auto;padding:12px}h1{font-size:1.3rem;margin:.4rem 0}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}" +
        "section{background:#fff;border-radius:6px;padding:8px 12px;margin:10px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}" +
        ".sub{color:#4a5568;font-size:.85rem}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}" +
        "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e2e8f0;vertical-align:top}td.value{white-space:nowrap;font-weight:600}" +
        "td.numbers{font-family:ui-monospace,monospace;font-size:.85rem;white-space:nowrap}.by{font-size:.75rem;background:#edf2f7;border-radius:3px;padding:0 4px}" +
        "svg.chart{width:100%;height:auto;display:block;margin:6px 0}svg text{font-size:13px;fill:#2d3748}svg text.axis{font-size:11px;fill:#718096}" +
        ".refused h1{color:#9b2c2c}a{color:#2b6cb0}";

    private static string E(string text) => ReviewCharts.Encode(text);
}
