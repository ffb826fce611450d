using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.Tickets;

namespace SupportBot.Tests.Intake;

/// <summary>
/// Reporters filing tickets over real HTTP, turn by turn, in both languages. The clock stands at
/// Monday 2026-11-23 09:30 in Shanghai.
/// </summary>
public sealed class IntakeConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_specific_chinese_report_from_teams_is_filed_asking_only_what_is_missing()
    {
        var zhang = ScriptedReporter.Employee(_app);

        await zhang.SayAsync("登录OA系统时,'审批'按钮无响应,错误代码为E005");
        Assert.Equal(3, zhang.Replies.Count);
        Assert.Contains("您好", zhang.Texts[0], StringComparison.Ordinal);
        Assert.Equal("明白了:登录OA系统时,'审批'按钮无响应,错误代码为E005", zhang.Texts[1]);
        Assert.Contains("第一次出现", zhang.Last, StringComparison.Ordinal);

        // OA is a software system: the category is the desk's to settle (seed 000), shown on the card, not asked.
        await zhang.SayAsync("今天早上9点");
        Assert.Contains("无法工作", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("是");
        Assert.Contains("影响了哪些人", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("很多人");

        // A software fault: the environment is asked (seed 001), with Skip and Don't know offered.
        Assert.Contains("操作系统、浏览器及版本", zhang.Last, StringComparison.Ordinal);
        Assert.Equal(["跳过", "不知道"], zhang.QuickReplies());
        await zhang.SayAsync("Windows 11, Edge 131");
        Assert.Contains("工号、部门和分机号", zhang.Last, StringComparison.Ordinal);

        // One detail per answer still works: each is kept, and only what is still missing is asked.
        await zhang.SayAsync("A10023");
        Assert.Contains("部门和分机号", zhang.Last, StringComparison.Ordinal);
        Assert.DoesNotContain("工号", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("财务部");
        Assert.Equal("您的分机号是?", zhang.Last);
        await zhang.SayAsync("8021");
        Assert.Contains("紧急 (P0)", string.Join("\n", zhang.CardTexts()), StringComparison.Ordinal);
        Assert.Contains("软件缺陷", string.Join("\n", zhang.CardTexts()), StringComparison.Ordinal);

        await zhang.ClickAsync(zhang.CardAction("submit"));
        Assert.Matches(@"^工单 TS-20261123-001 已提交:紧急 \(P0\),由.+处理。我们会在 2026-11-23 09:35 前回复您。$", zhang.Last);

        var ticket = await TicketAsync("TS-20261123-001");
        Assert.Equal("aad-zhang-wei", ticket.Reporter.Id);
        Assert.Equal(("A10023", "财务部", "8021"), (ticket.Reporter.EmployeeId, ticket.Reporter.Department, ticket.Reporter.Extension));
        Assert.Equal("登录OA系统时,'审批'按钮无响应,错误代码为E005", ticket.Description.Specific);
        Assert.Equal(Priority.Urgent, ticket.Priority);
        Assert.Equal("OA", ticket.AffectedSystem?.Name);
        Assert.Equal("Windows 11, Edge 131", ticket.Environment);
    }

    [Fact]
    public async Task A_vague_chinese_report_is_made_specific_by_follow_up_questions()
    {
        var zhang = ScriptedReporter.Employee(_app);

        await zhang.SayAsync("系统不好用");
        Assert.Contains("哪个系统或设备", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("OA");
        Assert.Contains("OA系统里正在做什么操作", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("提交请假审批");
        Assert.Contains("什么现象", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("不好用");
        Assert.StartsWith("还需要这一点才能把描述写具体。", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("点提交没反应");
        Assert.Contains("错误代码", zhang.Last, StringComparison.Ordinal);
        await zhang.SayAsync("没有");
        Assert.Equal("明白了:在OA系统中提交请假审批时,点提交没反应,无错误代码", zhang.Texts[0]);
        Assert.Contains("第一次出现", zhang.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_customer_reports_in_english_and_edits_fields_from_the_card()
    {
        var visitor = await FileUpToTheCardAsync(ScriptedReporter.Customer(_app));
        Assert.Contains("The printer jammed (on floor 3)", visitor.CardTexts());

        await visitor.ClickAsync(visitor.CardAction("edit", "Title"));
        Assert.Contains("title", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("Floor 3 printer jams on every job");
        Assert.Contains("Floor 3 printer jams on every job", visitor.CardTexts());

        await visitor.ClickAsync(visitor.CardAction("edit", "Priority"));
        await visitor.SayAsync("urgent");
        Assert.Contains("urgent (P0) (chosen by you)", visitor.CardTexts());

        await visitor.ClickAsync(visitor.CardAction("submit"));
        Assert.StartsWith("Ticket TS-20261123-001 is filed: urgent (P0)", visitor.Last, StringComparison.Ordinal);
        var ticket = await TicketAsync("TS-20261123-001");
        Assert.Equal(("Floor 3 printer jams on every job", ReporterKind.Customer), (ticket.Title, ticket.Reporter.Kind));
        Assert.Equal(("Li Na, Contoso", "C-20931", "+86 21 5555 0100"), (ticket.Reporter.Company, ticket.Reporter.CustomerNumber, ticket.Reporter.Phone));
    }

    [Fact]
    public async Task Details_are_asked_once_and_remembered_for_the_next_report()
    {
        var visitor = await FileUpToTheCardAsync(ScriptedReporter.Customer(_app));
        await visitor.ClickAsync(visitor.CardAction("submit"));

        await visitor.SayAsync("Outlook crashes when I open attachments");
        await visitor.SayAsync("none");
        await visitor.SayAsync("just now");
        await visitor.SayAsync("no");
        await visitor.SayAsync("only me");

        // A software fault on the web: the environment is asked in English, and "don't know" passes it by.
        Assert.StartsWith("Which environment was it in: operating system, browser and version", visitor.Last, StringComparison.Ordinal);
        Assert.Equal(["Skip", "Don't know"], visitor.QuickReplies());
        await visitor.SayAsync("don't know");
        Assert.NotNull(visitor.LastCard());
        Assert.Contains("Li Na, Contoso · C-20931 · +86 21 5555 0100", visitor.CardTexts());
    }

    [Fact]
    public async Task Cancel_and_start_over_mid_way_file_nothing()
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync("printer jammed on floor 3");
        await visitor.SayAsync("cancel");
        Assert.Equal("Cancelled. Nothing was filed.", visitor.Last);

        await visitor.SayAsync("start over");
        Assert.StartsWith("Please describe the problem", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("取消");
        await visitor.SayAsync("cancel");
        Assert.Equal("There's nothing to cancel.", visitor.Last);
        Assert.Empty(await TicketsAsync());
    }

    [Fact]
    public async Task An_invalid_date_is_re_asked_with_an_example_and_after_three_tries_can_be_skipped()
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync("printer jammed on floor 3");
        await visitor.SayAsync("none");

        await visitor.SayAsync("banana");
        Assert.Contains("“yesterday 3pm”", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("tomorrow 9am");
        Assert.StartsWith("That time has not come yet (it is 09:30 now where you are).", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("whenever");
        Assert.Equal(["Skip", "Talk to a person"], visitor.QuickReplies());

        // No service desk channel is bound in this office and its lead has never chatted with SupportBot: nobody can be reached.
        await visitor.SayAsync("Talk to a person");
        Assert.StartsWith("I couldn't reach the service desk just now.", visitor.Texts[0], StringComparison.Ordinal);
        Assert.Equal(["Skip", "Talk to a person"], visitor.QuickReplies());
        await visitor.SayAsync("Skip");
        Assert.StartsWith("Does this stop you from working?", visitor.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_are_read_in_the_time_zone_the_widget_reports()
    {
        // 01:30 UTC is 09:30 in Shanghai (the desk) but 02:30 in Berlin: "9am" is still ahead for a Berlin reporter.
        var berlin = new ScriptedReporter(_app, "dl-berlin", "Visitor", BotFramework.Schema.Channels.WebChat, "en-US", timeZone: "Europe/Berlin");
        await berlin.SayAsync("printer jammed on floor 3");
        await berlin.SayAsync("none");

        await berlin.SayAsync("today 9am");
        Assert.StartsWith("That time has not come yet (it is 02:30 now where you are).", berlin.Last, StringComparison.Ordinal);
        await berlin.SayAsync("today 1am");
        Assert.StartsWith("Does this stop you from working?", berlin.Last, StringComparison.Ordinal);
        Assert.Contains("Mon 23 Nov 2026, 01:00", string.Join("|", await CardTextsAfterAsync(berlin, "no", "only me", "Jan Berg", "C-1", "+49 30 5555 0100")), StringComparison.Ordinal);

        // A low-priority first response is due 15 min after submission: 09:45 in Shanghai, told as Berlin time.
        await berlin.ClickAsync(berlin.CardAction("submit"));
        Assert.EndsWith("Someone will respond by Mon 23 Nov, 02:45.", berlin.Last, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<string>> CardTextsAfterAsync(ScriptedReporter reporter, params string[] answers)
    {
        foreach (var answer in answers)
        {
            await reporter.SayAsync(answer);
        }

        return reporter.CardTexts();
    }

    [Fact]
    public async Task Status_and_my_tickets_show_only_the_reporters_own_tickets()
    {
        var owner = await FileUpToTheCardAsync(ScriptedReporter.Customer(_app));
        await owner.ClickAsync(owner.CardAction("submit"));

        await owner.SayAsync("status TS-20261123-001");
        Assert.StartsWith("TS-20261123-001: The printer jammed (on floor 3)\nStatus: submitted", owner.Last, StringComparison.Ordinal);
        await owner.SayAsync("my tickets");
        Assert.Contains("TS-20261123-001 · The printer jammed (on floor 3) · submitted · medium (P2)", owner.Last, StringComparison.Ordinal);

        var stranger = ScriptedReporter.Customer(_app, userId: "dl-someone-else");
        await stranger.SayAsync("status TS-20261123-001");
        var forAnothers = stranger.Last;
        await stranger.SayAsync("status TS-20261123-999");
        Assert.Equal(forAnothers.Replace("001", "999", StringComparison.Ordinal), stranger.Last);
        await stranger.SayAsync("my tickets");
        Assert.StartsWith("You have no tickets yet.", stranger.Last, StringComparison.Ordinal);

        // Nobody is left with nothing to do: the menu is offered, and its first button starts a report that files.
        Assert.Equal(["Report a problem", "My tickets", "Status of a ticket", "Help"], stranger.QuickReplies());
        await stranger.SayAsync(stranger.QuickReplies()[0]);
        Assert.StartsWith("Please describe the problem in your own words", stranger.Last, StringComparison.Ordinal);
        await stranger.SayAsync("The approve button in OA does nothing when I click it");
        Assert.Equal("Did an error code or message appear? Paste it exactly (for example E005), or reply “none”.", stranger.Last);
        await stranger.SayAsync("E005");
        Assert.Equal("Understood: When clicking in OA, the approve button does nothing; error code E005.", stranger.Texts[0]);
    }

    [Fact]
    public async Task A_second_click_on_submit_files_nothing_more_and_says_the_form_is_closed()
    {
        var visitor = await FileUpToTheCardAsync(ScriptedReporter.Customer(_app));
        var submit = visitor.CardAction("submit");

        await visitor.ClickAsync(submit);
        await visitor.ClickAsync(submit);

        Assert.StartsWith("That form is no longer open", visitor.Last, StringComparison.Ordinal);
        Assert.Single(await TicketsAsync());
    }

    [Theory]
    [InlineData("en-US", "Since 9am today the approve button in OA does nothing when I click it, error E005, and the whole team can't work. Call me on +86 138 0013 8000", "When did it first happen", "Who is affected")]
    [InlineData("zh-CN", "从今天早上9点开始,OA里点审批按钮没反应,错误代码E005,整个部门都没法工作,电话13800138000", "第一次出现", "影响了哪些人")]
    public async Task Time_impact_and_phone_said_in_passing_are_not_asked_again(string locale, string report, string whenQuestion, string whoQuestion)
    {
        var visitor = ScriptedReporter.Customer(_app, locale);
        var asked = new List<string>();
        await visitor.SayAsync(report);
        asked.AddRange(visitor.Texts);
        var phoneQuestion = locale == "en-US" ? "On which phone number can we reach you?" : "我们可以通过哪个电话联系您?";
        for (var turn = 0; turn < 8 && visitor.LastCard() is null; turn++)
        {
            var answer = visitor.Last switch
            {
                var q when q.Contains(locale == "en-US" ? "workaround" : "临时办法", StringComparison.Ordinal) => visitor.QuickReplies()[1],
                var q when q.Contains(locale == "en-US" ? "customer number" : "客户编号", StringComparison.Ordinal) => "C-20931",
                _ when visitor.QuickReplies() is { Count: > 0 } replies => replies[0],
                _ => locale == "en-US" ? "Li Na, Contoso" : "李娜,康托索公司",
            };
            await visitor.SayAsync(answer);
            asked.AddRange(visitor.Texts);
        }

        Assert.DoesNotContain(asked, text => text.Contains(whenQuestion, StringComparison.Ordinal) || text.Contains(whoQuestion, StringComparison.Ordinal) || text == phoneQuestion);
        await visitor.ClickAsync(visitor.CardAction("submit"));
        var ticket = await TicketAsync("TS-20261123-001");
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)), ticket.OccurredAt);
        Assert.True(ticket.Priority is Priority.Urgent or Priority.High, $"{ticket.Priority}: a whole department that cannot work");
        Assert.Contains("138", ticket.Reporter.Phone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_description_with_markup_cannot_put_a_link_on_the_card()
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync("CRM shows a blank page when I click [here](http://evil.example) **now** <img src=x>");
        await visitor.SayAsync("none");
        await visitor.SayAsync("just now");
        await visitor.SayAsync("no");
        await visitor.SayAsync("only me");
        await visitor.SayAsync("skip");
        await visitor.SayAsync("Li Na");
        await visitor.SayAsync("C-1");
        await visitor.SayAsync("12345");

        var original = visitor.CardTexts().Single(text => text.Contains("evil", StringComparison.Ordinal));
        // Escaped brackets cannot open a link, so the parentheses after them stay as typed.
        Assert.Contains(@"\[here\](http\://evil.example)", original, StringComparison.Ordinal);
        Assert.Contains(@"\*\*now\*\*", original, StringComparison.Ordinal);
        Assert.Contains(@"\<img src=x\>", original, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)\]\(", original);
    }

    [Fact]
    public async Task Attachments_sent_during_intake_are_filed_with_the_ticket()
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync("printer jammed on floor 3");
        await visitor.SayAsync("none");
        await visitor.SayAsync(null, [new() { ContentType = "image/png", ContentUrl = "https://files.example/jam.png", Name = "jam.png" }]);
        Assert.Equal("Attached jam.png. I'll add it to the ticket.", visitor.Texts[0]);
        Assert.Contains("When did it first happen?", visitor.Last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("😭😭😭")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Text_without_words_starts_a_report_that_asks_for_the_system(string text)
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync(text);
        Assert.StartsWith("Which system or device is affected?", visitor.Last, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ten_thousand_character_message_is_answered_and_kept_within_limits()
    {
        var visitor = ScriptedReporter.Customer(_app);
        await visitor.SayAsync("printer jammed on floor 3. " + new string('x', 10_000));
        Assert.StartsWith("Did an error code or message appear?", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("none");
        Assert.Contains("When did it first happen?", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync(new string('y', 10_000));
        Assert.StartsWith("I couldn't read that as a time in the past", visitor.Last, StringComparison.Ordinal);
    }

    /// <summary>A web customer's printer report up to the confirmation card, details given along the way.</summary>
    private static async Task<ScriptedReporter> FileUpToTheCardAsync(ScriptedReporter visitor)
    {
        await visitor.SayAsync("printer jammed on floor 3");
        Assert.StartsWith("Did an error code or message appear?", visitor.Last, StringComparison.Ordinal);
        await visitor.SayAsync("none");
        await visitor.SayAsync("just now");
        await visitor.SayAsync("yes");
        await visitor.SayAsync("only me");
        await visitor.SayAsync("yes");
        await visitor.SayAsync("Li Na, Contoso");
        await visitor.SayAsync("C-20931");
        await visitor.SayAsync("+86 21 5555 0100");
        Assert.NotNull(visitor.LastCard());
        return visitor;
    }

    private async Task<IReadOnlyList<JsonElement>> TicketsAsync() =>
        await _app.CreateAdminClient().GetFromJsonAsync<List<JsonElement>>("/api/tickets") ?? [];

    private Task<Ticket> TicketAsync(string number) => _app.TicketAsync(number);
}
