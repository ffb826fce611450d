using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.BrowserTests;

/// <summary>
/// Deflection in the real Web Chat widget (issue 20, deliverable 3): with published articles in the knowledge base, a
/// visitor who reports a known problem is shown the article as a card before anything is filed. Pressing "This solved it"
/// ends the report with nothing filed for an engineer (checked in the store through the admin API); "Not this — continue"
/// goes on with the intake's next question.
/// </summary>
public sealed class DeflectionWidgetTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string PrintingTitle = "OA 打印报错 E1024";
    private const string CrmTitle = "CRM customer list loads slowly";
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    /// <summary>Two published articles, one in each language, as an administrator imports them.</summary>
    private static readonly string[] Articles =
    [
        """{"title":"OA 打印报错 E1024","problem":"在OA系统中打印审批单时提示错误代码E1024,打印失败","cause":"打印服务的证书已过期","solution":"在打印服务器上更新证书,然后重启打印服务","system":"OA","category":"software","language":"zh-CN","tags":["打印"]}""",
        """{"title":"CRM customer list loads slowly","problem":"Opening the customer list in CRM takes more than a minute","cause":"The customer table lost its index","solution":"Recreate the index and refresh the statistics","system":"CRM","category":"software","language":"en-US","tags":["performance"]}""",
    ];

    [Fact]
    public async Task A_chinese_visitor_presses_this_solved_it_and_nothing_is_filed_for_an_engineer()
    {
        using var admin = host.CreateAdminClient();
        var printing = (await SeedAsync(admin))[PrintingTitle];
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
        await page.GotoAsync(new Uri(host.BaseAddress, "/?locale=zh-CN").ToString());
        await Expect(Greeting(page)).ToBeVisibleAsync(Patiently);

        await SayAsync(page, "在OA系统中打印审批单时提示错误代码E1024,打印失败");

        await Expect(CardText(page, "以下已知解决办法")).ToBeVisibleAsync(Patiently);
        await Expect(CardText(page, PrintingTitle)).ToBeVisibleAsync(Patiently);
        await Expect(CardText(page, "在打印服务器上更新证书")).ToBeVisibleAsync(Patiently);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "deflection-offer-zh-CN.png"), FullPage = true });

        await Button(page, "这个解决了").ClickAsync();

        await Expect(page.Locator(".webchat__bubble__content", new() { HasText = "很高兴问题已解决。没有登记工单" }).Last).ToBeVisibleAsync(Patiently);
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "deflection-solved-zh-CN.png"), FullPage = true });

        // Nothing reached an engineer: no ticket in the store, and the offer counted as self-service for that article.
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/tickets")).EnumerateArray());
        var counted = await ArticleFiguresAsync(admin, printing);
        Assert.Equal((1, 1, 0), (counted.GetProperty("offered").GetInt32(), counted.GetProperty("accepted").GetInt32(), counted.GetProperty("declined").GetInt32()));
    }

    [Fact]
    public async Task An_english_visitor_presses_not_this_and_the_intake_asks_its_next_question()
    {
        using var admin = host.CreateAdminClient();
        var crm = (await SeedAsync(admin))[CrmTitle];
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US" });
        await page.GotoAsync(new Uri(host.BaseAddress, "/?locale=en-US").ToString());
        await Expect(Greeting(page)).ToBeVisibleAsync(Patiently);

        // "takes more than a minute" already says what happened: only the error code is asked.
        await SayAsync(page, "When I open the customer list in CRM it takes more than a minute");
        await Expect(Bubble(page, "Did an error code or message appear?")).ToBeVisibleAsync(Patiently);
        await SayAsync(page, "none");
        await Expect(CardText(page, CrmTitle)).ToBeVisibleAsync(Patiently);

        await Button(page, "Not this — continue").ClickAsync();

        await Expect(Bubble(page, "When did it first happen?")).ToBeVisibleAsync(Patiently);
        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, "deflection-continue-en-US.png"), FullPage = true });
        var counted = await ArticleFiguresAsync(admin, crm);
        Assert.Equal((1, 0, 1), (counted.GetProperty("offered").GetInt32(), counted.GetProperty("accepted").GetInt32(), counted.GetProperty("declined").GetInt32()));
    }

    /// <summary>Imports the articles once per host (the tests of this class share it) and gives their ids by title.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> SeedAsync(HttpClient admin)
    {
        if (!(await ExportAsync(admin)).Any())
        {
            using var content = new StringContent(string.Join('\n', Articles), Encoding.UTF8, "application/x-ndjson");
            using var response = await admin.PostAsync(new Uri("/api/kb/import", UriKind.Relative), content);
            response.EnsureSuccessStatusCode();
        }

        return (await ExportAsync(admin)).ToDictionary(line => line.GetProperty("title").GetString()!, line => line.GetProperty("id").GetString()!);
    }

    private static async Task<IEnumerable<JsonElement>> ExportAsync(HttpClient admin)
    {
        var lines = await admin.GetStringAsync(new Uri("/api/kb/export", UriKind.Relative));
        return [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>The offer counts of one article (<c>GET /api/kb/deflection</c>).</summary>
    private static async Task<JsonElement> ArticleFiguresAsync(HttpClient admin, string article)
    {
        var deflection = await admin.GetFromJsonAsync<JsonElement>("/api/kb/deflection");
        return deflection.GetProperty("articles").EnumerateArray().Single(row => row.GetProperty("article").GetString() == article);
    }

    /// <summary>The bot's first message: the conversation is connected and the send box takes what is typed.</summary>
    private static ILocator Greeting(IPage page) => page.Locator(".webchat__bubble__content", new() { HasText = "SupportBot" }).First;

    private static ILocator CardText(IPage page, string text) => page.Locator(".ac-textBlock", new() { HasText = text }).Last;

    private static ILocator Bubble(IPage page, string text) => page.Locator(".webchat__bubble__content", new() { HasText = text }).Last;

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).Last;

    private static async Task SayAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await Expect(input).ToBeEditableAsync(new LocatorAssertionsToBeEditableOptions { Timeout = 30_000 });
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }
}
