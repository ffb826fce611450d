namespace SupportBot.Tests.Intake;

/// <summary>
/// What a hands-on trial of the intake found, each as the reporter met it: facts given before they are asked,
/// answers to another question, a person asked for in plain words, details typed the way people type them.
/// </summary>
public sealed class NewcomerConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US", "The printer on floor 3 prints blank pages, no error", "When did it first happen?")]
    [InlineData("zh-CN", "CRM系统导出报表的时候页面一直转圈,没有报错", "第一次出现")]
    public async Task No_error_said_up_front_is_not_asked_again(string locale, string report, string next)
    {
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(report);
        Assert.Contains(next, reporter.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_given_where_the_error_was_asked_is_taken_as_the_time_not_the_error()
    {
        var reporter = ScriptedReporter.Customer(_app);
        await reporter.SayAsync("Outlook crashes when I open attachments");
        Assert.StartsWith("Did an error code or message appear?", reporter.Last, StringComparison.Ordinal);

        await reporter.SayAsync("it started yesterday around 3pm");
        Assert.Equal("Noted, thanks. Did an error code or message appear? Paste it exactly (for example E005), or reply “none”.", reporter.Last);
        await reporter.SayAsync("none");
        Assert.DoesNotContain(reporter.Texts, text => text.Contains("When did it first happen", StringComparison.Ordinal));
        Assert.Contains(reporter.Texts, text => text.StartsWith("Understood:", StringComparison.Ordinal) && !text.Contains("3pm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Skip_at_the_first_question_moves_on_instead_of_asking_it_forever()
    {
        var reporter = ScriptedReporter.Customer(_app);
        await reporter.SayAsync("Report a problem");
        for (var i = 0; i < 3; i++)
        {
            await reporter.SayAsync("don't know");
        }

        Assert.Equal(["Skip", "Talk to a person"], reporter.QuickReplies());
        await reporter.SayAsync("Skip");
        Assert.DoesNotContain("describe the problem in your own words", reporter.Last, StringComparison.Ordinal);
        Assert.StartsWith("What were you doing", reporter.Last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "The printer on floor 3 jams on every job, no error", "just now", "Does this stop you from working?", "Hardware fault")]
    [InlineData("zh-CN", "三楼打印机每次打印都卡纸,没有报错", "刚才", "无法工作", "硬件故障")]
    public async Task A_report_the_bot_can_place_is_not_asked_its_category_and_the_card_shows_it(string locale, string report, string when, string next, string category)
    {
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(report);
        await reporter.SayAsync(when);
        Assert.Contains(next, reporter.Last, StringComparison.Ordinal);
        foreach (var answer in locale == "en-US" ? ["no", "only me", "Li Na, Contoso, C-20931, +86 21 5555 0100"] : new[] { "否", "只有我", "李娜,康托索公司,C-20931,13800138000" })
        {
            await reporter.SayAsync(answer);
        }

        Assert.Contains(category, reporter.CardTexts());
    }

    [Theory]
    [InlineData("en-US", "yes", "Does this stop you from working?")]
    [InlineData("zh-CN", "对", "无法工作")]
    public async Task A_report_the_bot_cannot_place_is_asked_its_category_and_yes_confirms_the_suggestion(string locale, string yes, string next)
    {
        var en = locale == "en-US";
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(en ? "The coffee machine on floor 2 shows error C7 when I order a latte" : "二楼咖啡机点拿铁的时候显示错误C7");

        // A device outside the catalogue: what the description still lacks (which device) is asked first, then the
        // time; the device the reporter named is kept, so the next question is the category it cannot place.
        for (var turn = 0; turn < 4 && !reporter.Last.Contains(en ? "When did it first happen?" : "第一次出现", StringComparison.Ordinal); turn++)
        {
            await reporter.SayAsync(en ? "the coffee machine" : "咖啡机");
        }

        await reporter.SayAsync(en ? "just now" : "刚才");
        Assert.Contains(en ? "I'd file this under “Other”" : "归类为“其他”", reporter.Last, StringComparison.Ordinal);
        await reporter.SayAsync(yes);
        Assert.Contains(next, reporter.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_are_read_the_way_people_type_them_and_junk_is_refused()
    {
        var visitor = ScriptedReporter.Customer(_app, "zh-CN");
        await visitor.SayAsync("三楼打印机每次打印都卡纸,没有报错");
        await visitor.SayAsync("刚才");
        await visitor.SayAsync("否");
        await visitor.SayAsync("只有我");
        Assert.Contains("姓名和公司", visitor.Last, StringComparison.Ordinal);

        await visitor.SayAsync("有");
        Assert.Contains("姓名和公司", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("李娜,康托索公司");
        await visitor.SayAsync("订单号WX-771203");
        Assert.Contains("电话", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("手机 13800138000");
        Assert.Contains("李娜,康托索公司 · WX-771203 · 13800138000", visitor.CardTexts());

        var employee = ScriptedReporter.Employee(_app, "en-US", aadId: "aad-details", name: "Wu");
        await employee.SayAsync("The printer on floor 3 jams on every job, no error");
        await employee.SayAsync("just now");
        await employee.SayAsync("no");
        await employee.SayAsync("only me");
        await employee.SayAsync("A10024 IT 8022");
        Assert.Contains("Wu · A10024 · IT · 8022", employee.CardTexts());
    }

    [Fact]
    public async Task Typing_at_the_card_says_how_it_works_and_shows_it_again()
    {
        var visitor = ScriptedReporter.Customer(_app);
        foreach (var answer in new[] { "The printer on floor 3 jams on every job, no error", "just now", "no", "only me", "skip", "Li Na, Contoso, C-20931, +86 21 5555 0100" })
        {
            await visitor.SayAsync(answer);
        }

        await visitor.SayAsync("what do I do now?");
        Assert.StartsWith("Press Submit on the card to file the ticket", visitor.Texts[0], StringComparison.Ordinal);
        Assert.NotNull(visitor.LastCard());
    }

    [Fact]
    public async Task Changing_the_system_on_the_card_changes_the_description_and_the_title_with_it()
    {
        var visitor = ScriptedReporter.Customer(_app);
        foreach (var answer in new[] { "The approve button in OA does nothing when I click it, no error", "just now", "no", "only me", "skip", "Li Na, Contoso, C-20931, +86 21 5555 0100" })
        {
            await visitor.SayAsync(answer);
        }

        Assert.Contains("When clicking in OA, the approve button does nothing; no error code shown.", visitor.CardTexts());
        await visitor.ClickAsync(visitor.CardAction("edit", "System"));
        await visitor.SayAsync("CRM");
        Assert.Contains("When clicking in CRM, the approve button does nothing; no error code shown.", visitor.CardTexts());
        // Only the reporter's own words still say OA; the title follows the new description.
        Assert.Equal(["The approve button in OA does nothing when I click it, no error\nCRM"], visitor.CardTexts().Where(text => text.Contains("OA", StringComparison.Ordinal)));
        Assert.Contains("When clicking in CRM, the approve button does nothing", visitor.CardTexts());
    }

    [Fact]
    public async Task A_reporter_abroad_reads_one_time_zone_on_the_reply_and_on_the_ticket_card()
    {
        // 09:30 in Shanghai is 02:30 in Berlin, where this widget is.
        var berlin = new ScriptedReporter(_app, "dl-berlin-2", "Jan", BotFramework.Schema.Channels.WebChat, "en-US", timeZone: "Europe/Berlin");
        foreach (var answer in new[] { "The printer on floor 3 jams on every job, no error", "today 1am", "no", "only me", "Jan Berg, Fabrikam, C-1001, +49 30 5555 0100" })
        {
            await berlin.SayAsync(answer);
        }

        Assert.Contains("Mon 23 Nov 2026, 01:00", berlin.CardTexts());
        await berlin.ClickAsync(berlin.CardAction("submit"));
        var respondBy = System.Text.RegularExpressions.Regex.Match(berlin.Texts[0], @"respond by (?<at>.+)\.$").Groups["at"].Value;
        Assert.NotEmpty(respondBy);
        var ticketCard = berlin.LastCard()!.Value.GetRawText();
        Assert.Contains("Mon 23 Nov, 01:00", ticketCard, StringComparison.Ordinal);
        Assert.Contains(respondBy, ticketCard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "status of my ticket please", "You have no tickets yet.")]
    [InlineData("zh-CN", "我的工单进度", "您还没有工单")]
    public async Task Asking_about_my_ticket_in_words_lists_the_tickets_instead_of_starting_a_report(string locale, string question, string answer)
    {
        var reporter = ScriptedReporter.Customer(_app, locale);
        await reporter.SayAsync(question);
        Assert.StartsWith(answer, reporter.Last, StringComparison.Ordinal);
        Assert.Equal(4, reporter.QuickReplies().Count);
    }

    [Fact]
    public async Task Chinese_typed_in_an_english_teams_client_is_answered_in_chinese()
    {
        var employee = ScriptedReporter.Employee(_app, "en-US");
        await employee.SayAsync("VPN连不上,提示错误809");
        Assert.Contains(employee.Texts, text => text.StartsWith("明白了:VPN连不上", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en-US", "cancel", "Cancelled. Nothing was filed.")]
    [InlineData("en-US", "cancel", "There's nothing to cancel.")]
    public async Task Cancelling_leaves_the_menu_to_go_on_from(string locale, string cancel, string answer)
    {
        var reporter = ScriptedReporter.Customer(_app, locale);
        if (answer.StartsWith("Cancelled", StringComparison.Ordinal))
        {
            await reporter.SayAsync("printer jammed on floor 3");
        }

        await reporter.SayAsync(cancel);
        Assert.Equal(answer, reporter.Last);
        Assert.Equal(["Report a problem", "My tickets", "Status of a ticket", "Help"], reporter.QuickReplies());
    }
}
