using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SupportBot.BrowserTests;

/// <summary>
/// The path the bot itself offers first, in the real widget: the greeting's "Report a problem" button, the problem
/// in the visitor's words, then the bot's own quick-reply buttons for every answer that has one, to a ticket number.
/// Until this test existed, that button led to the same question forever.
/// </summary>
public sealed partial class GreetingButtonTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 30_000 };

    public static TheoryData<string, string[]> Walks => new()
    {
        {
            "en-US",
            [
                "hello|Hello, I'm SupportBot", "press:Report a problem|describe the problem in your own words",
                "The approve button in OA does nothing when I click it|Did an error code or message appear?",
                "E005|When did it first happen?", "press:Just now|stop you from working",
                "press:No, I can still work|Who is affected?", "press:Only me|Which environment was it in", "press:Skip|your name and company",
                "Ann Lee, Contoso, C-20931, +86 21 5555 0100|Please check your ticket", "press:Submit|Ticket TS-",
            ]
        },
        {
            "zh-CN",
            [
                "你好|您好,我是 SupportBot", "press:报告问题|请用您自己的话描述",
                "OA里点审批按钮没反应|错误代码", "没有|第一次出现",
                "press:刚才|无法工作", "press:否,还能工作|影响了哪些人", "press:只有我|问题出现在什么环境", "press:跳过|姓名和公司",
                "李娜,康托索公司,C-20931,13800138000|提交前请核对", "press:提交|工单 TS-",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Walks))]
    public async Task The_greeting_button_leads_to_a_filed_ticket(string locale, string[] steps)
    {
        var page = await host.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = locale });
        await page.GotoAsync(new Uri(host.BaseAddress, $"/?locale={locale}").ToString());
        await BrowserHost.GreetedAsync(page);

        foreach (var step in steps)
        {
            var (act, next) = (step.Split('|')[0], step.Split('|')[1]);
            if (act.StartsWith("press:", StringComparison.Ordinal))
            {
                var button = page.GetByRole(AriaRole.Button, new() { Name = act["press:".Length..], Exact = true }).Last;
                await Expect(button).ToBeVisibleAsync(Patiently);
                await button.ClickAsync();
            }
            else
            {
                var input = page.Locator("[data-id='webchat-sendbox-input']");
                await Expect(input).ToBeEditableAsync(new LocatorAssertionsToBeEditableOptions { Timeout = 30_000 });
                await input.FillAsync(act);
                await input.PressAsync("Enter");
            }

            await Expect(page.Locator(".webchat__bubble__content, .ac-textBlock", new() { HasText = next }).Last).ToBeVisibleAsync(Patiently);
        }

        await Expect(page.GetByText("Send failed")).ToHaveCountAsync(0);
        Assert.Matches(TicketNumber(), await page.Locator(".webchat__bubble__content", new() { HasTextRegex = TicketNumber() }).Last.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserHost.ArtifactsDirectory, $"greeting-button-{locale}.png"), FullPage = true });
    }

    [GeneratedRegex(@"TS-\d{8}-\d{3}")]
    private static partial Regex TicketNumber();
}
