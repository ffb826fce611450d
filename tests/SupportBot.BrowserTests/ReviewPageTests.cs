using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SupportBot.Review;
using SupportBot.Tickets;

namespace SupportBot.BrowserTests;

/// <summary>
/// The review page a weekly review card links to, in Chromium at a phone's width and a desktop's, in both languages:
/// the volume bars are drawn, the eight-week compliance line is there, and the recurring problems table lists the
/// ticket numbers, all without a script or anything fetched from elsewhere. Screenshots go to artifacts/browser/review.
/// </summary>
public sealed class ReviewPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    public static TheoryData<string, int, int> Views => new()
    {
        { "zh-CN", 390, 844 },
        { "en-US", 390, 844 },
        { "zh-CN", 1280, 900 },
        { "en-US", 1280, 900 },
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_review_page_shows_the_volume_bars_the_trend_and_the_recurring_tickets(string locale, int width, int height)
    {
        var numbers = await FileRecurringTicketsAsync();
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync((await LinkAsync(locale)).AbsoluteUri);

        Assert.Equal(200, response!.Status);
        Assert.True(await page.Locator("#volume svg.bars rect.bar.opened").CountAsync() >= 1);
        Assert.True(await page.Locator("#volume rect.bar.opened").First.EvaluateAsync<double>("e => e.getBoundingClientRect().width") > 0);
        Assert.Equal(1, await page.Locator("#trend svg.line").CountAsync());
        var recurring = await page.Locator("#recurring td.numbers").AllInnerTextsAsync();
        Assert.All(numbers, number => Assert.Contains(recurring, cell => cell.Contains(number, StringComparison.Ordinal)));
        Assert.Contains(locale == "zh-CN" ? "每周回顾" : "Weekly review", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);

        // Readable on a phone: nothing wider than the screen but the tables' own scroll boxes.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        Assert.Single(requests);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "review", $"review-page-{locale}-{width}.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task An_altered_link_shows_a_clear_page_in_both_languages_and_no_figures()
    {
        var numbers = await FileRecurringTicketsAsync();
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var link = (await LinkAsync("zh-CN")).AbsoluteUri.Replace("lang=", "x=1&lang=", StringComparison.Ordinal).Replace("t=", "t=A", StringComparison.Ordinal);

        var response = await page.GotoAsync(link);

        Assert.Equal(403, response!.Status);
        var text = await page.Locator("body").InnerTextAsync();
        Assert.Contains("无法打开此周报链接", text, StringComparison.Ordinal);
        Assert.Contains("This review link cannot be opened", text, StringComparison.Ordinal);
        Assert.All(numbers, number => Assert.DoesNotContain(number, text, StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("svg").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "review", "review-page-refused-390.png"), FullPage = true });
        await page.CloseAsync();
    }

    /// <summary>Three tickets of the application team with the same problem this week (a recurring problem), once per host.</summary>
    private async Task<IReadOnlyList<string>> FileRecurringTicketsAsync()
    {
        var tickets = host.Services.GetRequiredService<TicketService>();
        var existing = host.Services.GetRequiredService<ITicketStore>().Query(new TicketQuery { Limit = 100 }).Where(t => t.Title.StartsWith("Review page", StringComparison.Ordinal)).ToList();
        if (existing.Count > 0)
        {
            return [.. existing.Select(t => t.Number)];
        }

        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var draft = new TicketDraft
            {
                Reporter = new Reporter { Id = "aad-review-page", Kind = ReporterKind.Employee, Name = "张伟", Locale = "zh-CN" },
                Title = $"Review page CRM {i}",
                Category = "software",
                Priority = i == 0 ? Priority.High : Priority.Medium,
                Description = new TicketDescription { Specific = "在CRM系统中保存客户信息时,系统提示错误代码E1024", Original = "CRM 报错 E1024" },
            };
            numbers.Add((await tickets.SubmitAsync(draft, new Actor("aad-review-page", "张伟"))).Number);
        }

        return numbers;
    }

    /// <summary>The signed link a card would carry for this week's application team review, pointed at this host.</summary>
    private async Task<Uri> LinkAsync(string locale)
    {
        var time = host.Services.GetRequiredService<TimeProvider>();
        var week = ReviewCalendar.NameOf(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var link = await host.Services.GetRequiredService<ReviewLinks>().ForAsync("apps", week, locale);
        return new Uri(host.BaseAddress, link.PathAndQuery);
    }
}
