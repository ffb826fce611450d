using System.Net;

namespace SupportBot.Tests.Review;

/// <summary>
/// The weekly review card: Monday 09:00 in each lead's own time zone (the application team keeps Shanghai time, the
/// network team Berlin time), to the team's lead in their language and to the administrator for all teams, with the
/// figures this test computes from the tickets it filed; once, across restarts; a Monday missed while SupportBot was
/// down is sent once when it comes back.
/// </summary>
public sealed class WeeklyReviewCardTests
{
    // Monday 30 November 2026: 09:00 in Shanghai is 01:00 UTC, 09:00 in Berlin is 08:00 UTC.
    private static readonly DateTimeOffset ShanghaiMonday = new(2026, 11, 30, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BerlinMonday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_review_arrives_at_nine_on_Monday_in_each_lead_s_own_time_zone_with_the_figures_of_their_week()
    {
        await using var desk = await ReviewDesk.OpenAsync();

        // Week 48, Monday 09:30 Shanghai: three CRM tickets with the same symptom for the application team, two for the
        // network team; two of the application team's acknowledged 10 and 20 minutes after filing.
        var submitted = desk.Office.App.Time.GetUtcNow();
        var apps = new[] { await desk.SubmitAsync("software", "CRM 保存失败"), await desk.SubmitAsync("software", "CRM cannot save"), await desk.SubmitAsync("software", "客户信息存不上") };
        var network = new[] { await desk.SubmitAsync("network", "VPN drops"), await desk.SubmitAsync("network", "Wi-Fi slow") };
        await desk.AtAsync(submitted.AddMinutes(10));
        desk.Acknowledge(apps[0].Number, TeamsOffice.ZhengLi);
        await desk.AtAsync(submitted.AddMinutes(20));
        desk.Acknowledge(apps[1].Number, TeamsOffice.ZhengLi);
        var minutes = new[] { 10.0, 20.0 };
        var (mean, p90) = (minutes.Average(), minutes.OrderBy(m => m).ElementAt((int)Math.Ceiling(0.9 * minutes.Length) - 1));

        await desk.AtAsync(ShanghaiMonday.AddMinutes(-1));
        Assert.DoesNotContain(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));

        await desk.AtAsync(ShanghaiMonday);
        var wu = Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        var texts = TicketCards.Texts(wu);
        Assert.Equal("每周回顾 · 应用组 · 2026-W48", texts[0]);
        Assert.Contains($"新建: {apps.Length} · 比上周 +{apps.Length}", texts);
        Assert.Contains($"首次响应: {mean:0.#} 分钟 / {p90:0.#} 分钟 · 本周新出现", texts);
        Assert.Contains(string.Join(", ", apps.Select(t => t.Number).Order(StringComparer.Ordinal)), texts);
        Assert.Contains(texts, text => text.StartsWith("软件故障: 3 / 0", StringComparison.Ordinal) || text.Contains(": 3 / 0 · 比上周 +3", StringComparison.Ordinal));

        // Berlin is still at 02:00: the network lead's week-48 review waits for his own Monday 09:00.
        Assert.DoesNotContain(ReviewDesk.ReviewCards(desk.Zhao), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        var admin = Assert.Single(ReviewDesk.ReviewCards(desk.Admin), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        Assert.Equal("Weekly review · All teams · 2026-W48", TicketCards.Texts(admin)[0]);
        Assert.Contains($"Opened: {apps.Length + network.Length} · +{apps.Length + network.Length} vs. last week", TicketCards.Texts(admin));

        await desk.AtAsync(BerlinMonday.AddMinutes(-1));
        Assert.DoesNotContain(ReviewDesk.ReviewCards(desk.Zhao), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        await desk.AtAsync(BerlinMonday);
        var zhao = Assert.Single(ReviewDesk.ReviewCards(desk.Zhao), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        Assert.Equal("Weekly review · Network team · 2026-W48", TicketCards.Texts(zhao)[0]);
        Assert.Contains($"Opened: {network.Length} · +{network.Length} vs. last week", TicketCards.Texts(zhao));
    }

    [Fact]
    public async Task A_restart_after_the_review_went_out_does_not_send_it_again()
    {
        await using var desk = await ReviewDesk.OpenAsync();
        await desk.SubmitAsync("software", "CRM cannot save");
        await desk.AtAsync(ShanghaiMonday);
        Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));

        await desk.RestartAtAsync(ShanghaiMonday.AddMinutes(5));
        await desk.AtAsync(ShanghaiMonday.AddHours(2));

        Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        Assert.Single(ReviewDesk.ReviewCards(desk.Admin), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Monday_missed_while_SupportBot_was_down_is_sent_once_when_it_comes_back()
    {
        await using var desk = await ReviewDesk.OpenAsync();
        await desk.SubmitAsync("software", "CRM cannot save");
        await desk.AtAsync(ShanghaiMonday.AddDays(-1));

        // Down from Sunday to Tuesday; up again, then restarted once more the same day.
        await desk.RestartAtAsync(ShanghaiMonday.AddDays(1));
        Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));
        await desk.RestartAtAsync(ShanghaiMonday.AddDays(1).AddHours(3));

        Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W48", StringComparison.Ordinal));

        // The next Monday comes as usual.
        await desk.AtAsync(ShanghaiMonday.AddDays(7));
        Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), card => TicketCards.Text(card).Contains("2026-W49", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_link_on_the_card_opens_the_review_page_with_the_same_figures_until_it_expires()
    {
        await using var desk = await ReviewDesk.OpenAsync();
        var tickets = new[] { await desk.SubmitAsync("software", "CRM cannot save"), await desk.SubmitAsync("software", "CRM 保存失败") };
        await desk.AtAsync(ShanghaiMonday);
        var card = Assert.Single(ReviewDesk.ReviewCards(desk.WuGang), c => TicketCards.Text(c).Contains("2026-W48", StringComparison.Ordinal));
        var page = ReviewDesk.PageOf(card);
        using var client = desk.Office.App.CreateClient();

        using var response = await client.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'; style-src 'nonce-", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("每周回顾 · 应用组 · 2026-W48", html, StringComparison.Ordinal);
        Assert.All(tickets, ticket => Assert.Contains(ticket.Number, html, StringComparison.Ordinal));
        Assert.Contains($"<td>新建</td><td class=\"value\">{tickets.Length}</td>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"bar opened\" data-count=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart line\"", html, StringComparison.Ordinal);
        Assert.Equal(8, html.Split("text-anchor=\"middle\" class=\"axis\">W", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // The same link in English.
        var english = await client.GetStringAsync(new Uri(page.OriginalString.Replace("lang=zh-CN", "lang=en-US", StringComparison.Ordinal), UriKind.Relative));
        Assert.Contains("Weekly review · Application team · 2026-W48", english, StringComparison.Ordinal);

        // Altered: another team in the same signature, or a cut signature. No figures, a page that says why, in both languages.
        var query = System.Web.HttpUtility.ParseQueryString(page.OriginalString[page.OriginalString.IndexOf('?', StringComparison.Ordinal)..]);
        var token = query["t"]!;
        foreach (var altered in new[] { token[..^2] + (token[^2] == 'A' ? "BA" : "AA"), token.Replace('.', 'x'), "" })
        {
            using var refused = await client.GetAsync(new Uri($"/review/weekly?t={Uri.EscapeDataString(altered)}&lang=zh-CN", UriKind.Relative));
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("This review link cannot be opened", body, StringComparison.Ordinal);
            Assert.Contains("无法打开此周报链接", body, StringComparison.Ordinal);
            Assert.All(tickets, ticket => Assert.DoesNotContain(ticket.Number, body, StringComparison.Ordinal));
            Assert.Equal("no-store", refused.Headers.CacheControl?.ToString());
        }

        // Expired: 14 days later (Review:LinkLifetime) the same link opens nothing.
        desk.Office.App.Time.Advance(TimeSpan.FromDays(14));
        using var expired = await client.GetAsync(page);
        var gone = await expired.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("The link has expired", gone, StringComparison.Ordinal);
        Assert.Contains("链接已过期", gone, StringComparison.Ordinal);
        Assert.All(tickets, ticket => Assert.DoesNotContain(ticket.Number, gone, StringComparison.Ordinal));
    }
}
