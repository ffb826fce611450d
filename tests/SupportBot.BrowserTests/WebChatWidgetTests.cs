using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.BrowserTests;

/// <summary>
/// The official Web Chat widget (botframework-webchat 4.18.1, its own DirectLineJS) in Debian's chromium, against
/// SupportBot's page and Direct Line endpoints: a customer reports a problem from first message to ticket number,
/// pressing the Adaptive Card's Submit button at the end. Run over the WebSocket stream and over polling.
/// </summary>
public sealed partial class WebChatWidgetTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    /// <summary>Each answer, and a piece of the question the bot must ask next before the visitor types on.</summary>
    private static readonly (string Answer, string Next)[] PrinterReport =
    [
        ("The printer on floor 3 is jammed", "Did an error code or message appear?"),
        ("no", "When did it first happen?"),
        ("just now", "Does this stop you from working?"),
        ("no", "Who is affected?"),
        ("only me", "your name and company, customer or order number and phone number"),
        ("Ann Lee, Contoso", "And your customer or order number and phone number"),
        ("C-20931", "On which phone number can we reach you?"),
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_customer_files_a_whole_ticket_in_the_real_widget(bool webSocket)
    {
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US" });
        var sockets = new List<string>();
        page.WebSocket += (_, socket) => sockets.Add(socket.Url);
        var policyViolations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                policyViolations.Add(message.Text);
            }
        };
        var failedRequests = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failedRequests.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };

        await page.GotoAsync(new Uri(host.BaseAddress, $"/?locale=en-US&webSocket={(webSocket ? "true" : "false")}").ToString());
        await Expect(Bubble(page, "Hello, I'm SupportBot")).ToBeVisibleAsync(Patiently);

        foreach (var (answer, next) in PrinterReport)
        {
            await SayAsync(page, answer);
            await Expect(Bubble(page, next)).ToBeVisibleAsync(Patiently);
        }

        await SayAsync(page, "+86 21 5555 0100");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).Last;
        await Expect(submit).ToBeVisibleAsync(Patiently);
        await submit.ClickAsync();

        var filed = Bubble(page, TicketNumber());
        await Expect(filed).ToBeVisibleAsync(Patiently);

        // Every message the visitor sent was echoed back: none is left marked as failed.
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserHost.ArtifactsDirectory, $"ticket-filed-{(webSocket ? "websocket" : "polling")}.png"),
            FullPage = true,
        });

        if (webSocket)
        {
            Assert.Contains(sockets, url => url.Contains("/v3/directline/conversations/", StringComparison.Ordinal) && url.Contains("/stream?t=", StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(sockets);
        }

        Assert.Empty(failedRequests);

        // The page's Content-Security-Policy allows everything the widget and the cards need.
        Assert.Empty(policyViolations);
    }

    [Fact]
    public async Task The_page_speaks_Chinese_when_asked_and_the_bot_answers_in_Chinese()
    {
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
        await page.GotoAsync(new Uri(host.BaseAddress, "/?locale=zh-CN").ToString());
        await BrowserHost.GreetedAsync(page);

        await Expect(page.Locator("#chat-title")).ToHaveTextAsync("IT 技术支持");
        await SayAsync(page, "VPN 连不上");
        await Expect(Bubble(page, "错误代码")).ToBeVisibleAsync(Patiently);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "zh-CN.png"), FullPage = true });
    }

    [Fact]
    public async Task A_reload_continues_the_same_conversation()
    {
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US" });
        await page.GotoAsync(new Uri(host.BaseAddress, "/?locale=en-US").ToString());
        await BrowserHost.GreetedAsync(page);
        await SayAsync(page, "Outlook cannot send mail");
        await Expect(Bubble(page, "Did an error code or message appear?")).ToBeVisibleAsync(Patiently);

        await page.ReloadAsync();

        await Expect(Bubble(page, "Outlook cannot send mail")).ToBeVisibleAsync(Patiently);
        await SayAsync(page, "none");
        await Expect(Bubble(page, "When did it first happen?")).ToBeVisibleAsync(Patiently);
    }

    [Fact]
    public async Task A_returning_visitor_keeps_their_visitor_id_and_conversation_and_a_fresh_browser_is_someone_new()
    {
        var browser = await host.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var first = await browser.NewPageAsync();
        await first.GotoAsync(new Uri(host.BaseAddress, "/?locale=en-US").ToString());
        await BrowserHost.GreetedAsync(first);
        await SayAsync(first, "Outlook cannot send mail");
        await Expect(Bubble(first, "Did an error code or message appear?")).ToBeVisibleAsync(Patiently);
        var pass = await VisitorPassAsync(first);
        await first.ReloadAsync();
        await Expect(Bubble(first, "Outlook cannot send mail")).ToBeVisibleAsync(Patiently);
        Assert.Equal(pass, await VisitorPassAsync(first));
        await first.CloseAsync();

        // Coming back later in a new tab: no session to continue, only the pass in localStorage.
        var later = await browser.NewPageAsync();
        await later.GotoAsync(new Uri(host.BaseAddress, "/?locale=en-US").ToString());
        await Expect(Bubble(later, "Outlook cannot send mail")).ToBeVisibleAsync(Patiently);
        await SayAsync(later, "none");
        await Expect(Bubble(later, "When did it first happen?")).ToBeVisibleAsync(Patiently);
        Assert.Equal(pass, await VisitorPassAsync(later));

        var elsewhere = await (await host.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" })).NewPageAsync();
        await elsewhere.GotoAsync(new Uri(host.BaseAddress, "/?locale=en-US").ToString());
        await Expect(Bubble(elsewhere, "Hello, I'm SupportBot")).ToBeVisibleAsync(Patiently);
        var otherPass = await VisitorPassAsync(elsewhere);
        Assert.NotEqual(pass.Split('.')[0], otherPass.Split('.')[0]);
        await Expect(elsewhere.GetByText("Outlook cannot send mail")).ToHaveCountAsync(0);
    }

    /// <summary>The visitor pass the page keeps in localStorage (written once its token request is answered).</summary>
    private static async Task<string> VisitorPassAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => !!localStorage.getItem('supportbot.visitor')");
        return await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('supportbot.visitor')).pass");
    }

    /// <summary>The last message bubble in the transcript that shows this text.</summary>
    private static ILocator Bubble(IPage page, string text) => page.Locator(".webchat__bubble__content", new() { HasText = text }).Last;

    private static ILocator Bubble(IPage page, Regex text) => page.Locator(".webchat__bubble__content", new() { HasTextRegex = text }).Last;

    private static async Task SayAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(input).ToBeEditableAsync(new LocatorAssertionsToBeEditableOptions { Timeout = 30_000 });
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    [GeneratedRegex(@"Ticket TS-\d{8}-\d{3}")]
    private static partial Regex TicketNumber();
}
