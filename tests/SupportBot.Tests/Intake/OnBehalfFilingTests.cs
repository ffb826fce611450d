using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engineering;
using SupportBot.Tickets;
using SupportBot.Intake;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Intake;

/// <summary>
/// Filing on someone's behalf (issue 21 item 1, seeds 001/004: 接口人 / 服务台专员 record what comes by phone, e-mail or in
/// person). A service desk engineer types <c>代为报告 …</c> / <c>report for …</c> in their chat with SupportBot and gets the
/// guided intake with the caller's identity, contact and the way it came in; the card shows them. A caller SupportBot knows
/// in Teams is asked later questions in their own chat; anyone else through the engineer, headed "ask the caller".
/// </summary>
public sealed class OnBehalfFilingTests
{
    private const string Number = "TS-20261123-001";
    private const string ChenJing = "9f1c2d3e-0001-4000-8000-000000000003";
    private const string WangFang = "9f1c2d3e-0001-4000-8000-000000000001";
    private const string LiWei = "9f1c2d3e-0001-4000-8000-000000000002";

    [Fact]
    public async Task A_phone_caller_unknown_to_teams_is_filed_by_the_desk_and_the_engineer_is_asked_for_them()
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var chen = office.Personal(ChenJing, "陈静 Chen Jing", "zh-CN");

        await chen.SayAsync("代为报告 李娜");
        Assert.Equal("您正在为 李娜 代为报告问题。我会逐项询问,请输入 李娜 告诉您的内容。回复“取消”可停止。", chen.Texts[^2]);
        Assert.Equal("报告人是公司员工还是客户?", chen.Texts[^1]);
        await chen.SayAsync("员工");
        Assert.Equal("问题是通过什么方式反映给您的?", chen.Texts[^1]);
        await chen.SayAsync("电话");
        foreach (var answer in new[] { "登录OA系统时,'审批'按钮无响应,错误代码为E005", "今天早上9点", "否", "只有我", "跳过", "A20001", "市场部", "8123" })
        {
            await chen.SayAsync(answer);
        }

        // The engineer is asked about the caller, by name; nothing is kept as the engineer's own details.
        // The details are asked together; given one at a time, each is kept and only the rest asked for.
        Assert.Contains(chen.Texts, t => t.StartsWith("接下来是李娜的信息,只用于这张工单:他/她的工号、部门和分机号。", StringComparison.Ordinal));
        Assert.Contains("谢谢。还需要李娜的部门和分机号(例如“财务部,8021”)。", chen.Texts);
        Assert.Contains("李娜的分机号是?", chen.Texts);

        Assert.Equal("报告人是否留了紧急联系人(姓名和手机)?没有请回复“跳过”。", chen.Texts[^1]);
        await chen.SayAsync("王五 13800138000");
        var confirmation = Text(chen.LastCard());
        foreach (var line in new[] { "李娜 · A20001 · 市场部 · 8123", "电话", "王五 13800138000" })
        {
            Assert.Contains(line, confirmation, StringComparison.Ordinal);
        }

        await chen.ClickIntakeAsync("submit");
        await office.DrainAsync();

        var ticket = office.Ticket(Number);
        Assert.Equal((ChenJing, "李娜", "A20001", "市场部", "8123"), (ticket.Reporter.Id, ticket.Reporter.Name, ticket.Reporter.EmployeeId, ticket.Reporter.Department, ticket.Reporter.Extension));
        Assert.Equal(("phone", "陈静 Chen Jing", "王五 13800138000", true), (ticket.OnBehalf!.CameBy, ticket.OnBehalf.FiledByName, ticket.OnBehalf.EmergencyContact, ticket.OnBehalf.CallerVoice));

        // The team sees who called, how, who typed it, and whom to call in a hurry.
        var zhengInChannel = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        var card = Text(zhengInChannel.LatestCardWith("take"));
        foreach (var line in new[] { "Reporter: 李娜", "Employee ID: A20001", "Came by: Phone", "Filed by: 陈静 Chen Jing", "Emergency contact: 王五 13800138000" })
        {
            Assert.Contains(line, card, StringComparison.Ordinal);
        }

        // A question for the caller reaches the engineer who filed, who asks them and answers for them.
        var taken = await zhengInChannel.ExecuteAsync(zhengInChannel.LatestCardWith("take"), "take");
        await zhengInChannel.ExecuteAsync(taken, "ask", ("question", "请问使用的是哪个浏览器?"));
        await office.DrainAsync();
        Assert.Contains(chen.Texts, t => t.StartsWith("请询问报告人(李娜):", StringComparison.Ordinal) && t.Contains("郑丽", StringComparison.Ordinal));
        Assert.Equal("请询问报告人(李娜),并代其回答:", chen.Texts[^1]);
        var question = chen.LatestCardWith("answer");
        Assert.Contains("请问使用的是哪个浏览器?", Text(question), StringComparison.Ordinal);
        await chen.ExecuteAsync(question, "answer", ("answer", "Edge 131"));
        await office.DrainAsync();
        Assert.Contains(office.Ticket(Number).History, e => e.What == "answerQuestion" && e.Note == "Edge 131" && e.ActorId == ChenJing);
    }

    [Fact]
    public async Task A_desk_engineer_speaking_for_a_caller_still_works_the_desks_own_ticket_and_answers_as_the_caller()
    {
        const string DeskChannel = "19:servicedesk-triage@thread.tacv2";
        await using var office = await OpenAsync();
        await office.InChannel(DeskChannel, Admin, "IT Admin", "en-US").SayAsync("bind triage servicedesk");
        var chen = office.Personal(ChenJing, "陈静 Chen Jing", "zh-CN");
        await chen.SayAsync("代为报告 李娜");
        foreach (var answer in new[] { "员工", "电话", "登录OA系统时,'审批'按钮无响应,错误代码为E005", "今天早上9点", "否", "只有我", "跳过", "A20001", "市场部", "8123", "跳过" })
        {
            await chen.SayAsync(answer);
        }

        // The bot files OA under software; the engineer knows better and reclassifies it on the card before submitting.
        await chen.ClickIntakeAsync("edit", "Category");
        await chen.SayAsync("操作指导");
        await chen.ClickIntakeAsync("submit");
        await office.DrainAsync();
        Assert.Equal(("servicedesk", ChenJing, true), (office.Ticket(Number).Team, office.Ticket(Number).Reporter.Id, office.Ticket(Number).OnBehalf!.CallerVoice));

        // The desk assigns by load (to 李伟 here); its lead hands it to her. She is the caller's voice on the ticket and
        // still an engineer of the desk: her card offers the engineer's steps, and she resolves it.
        Assert.Equal(LiWei, office.Ticket(Number).Assignee);
        var wangInChannel = office.InChannel(DeskChannel, WangFang, "王芳 Wang Fang", "zh-CN");
        await wangInChannel.ExecuteAsync(wangInChannel.LatestCardWith("assign"), "assign", ("engineer", ChenJing));
        await office.DrainAsync();
        Assert.Equal(ChenJing, office.Ticket(Number).Assignee);
        await chen.ExecuteAsync(chen.LatestCardWith("resolve"), "resolve", ("solution", "已重置审批权限"), ("effort", "10"));
        await office.DrainAsync();

        // The caller's confirmation still comes to her as the caller's voice, and only the reporter's step counts there.
        var verification = chen.LatestCardWith("solved");
        Assert.Contains(chen.Texts, t => t.StartsWith("请询问报告人(李娜)", StringComparison.Ordinal));
        await chen.ExecuteAsync(verification, "solved");
        await office.DrainAsync();
        Assert.Equal(TicketStatus.Closed, office.Ticket(Number).Status);
        Assert.True(office.Ticket(Number).Verification!.Solved);
    }

    [Fact]
    public async Task A_walk_in_employee_known_in_teams_is_asked_in_their_own_chat_and_the_engineers_details_stay_theirs()
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var zhang = office.Personal("aad-zhang-wei", "张伟", "zh-CN");
        await zhang.InstallAsync();
        var chen = office.Personal(ChenJing, "陈静 Chen Jing", "en-US");

        await chen.SayAsync("report for 张伟");
        Assert.Equal("Is the caller an employee or a customer?", chen.Texts[^1]);
        await chen.SayAsync("Employee");
        Assert.Equal("How did the problem reach you?", chen.Texts[^1]);
        await chen.SayAsync("Walk-in");
        foreach (var answer in new[] { "Outlook crashes when I open attachments", "none", "just now", "no", "only me", "skip", "A10023", "Finance", "8021", "skip" })
        {
            await chen.SayAsync(answer);
        }

        Assert.Contains(chen.Texts, t => t.StartsWith("Now 张伟's details, for this report only: their employee ID, department and phone extension", StringComparison.Ordinal));
        Assert.Contains("Thanks. Now 张伟's department and phone extension (for example “Finance, 8021”).", chen.Texts);

        await chen.ClickIntakeAsync("submit");
        await office.DrainAsync();
        var ticket = office.Ticket(Number);
        Assert.Equal(("aad-zhang-wei", "张伟", "walkIn", false, null), (ticket.Reporter.Id, ticket.Reporter.Name, ticket.OnBehalf!.CameBy, ticket.OnBehalf.CallerVoice, ticket.OnBehalf.EmergencyContact));
        Assert.Contains("Came by: Walk-in", Text(office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US").LatestCardWith("take")), StringComparison.Ordinal);

        // The question goes to 张伟 in Teams, plainly; the engineer who filed gets nothing to answer.
        var zhengInChannel = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        var taken = await zhengInChannel.ExecuteAsync(zhengInChannel.LatestCardWith("take"), "take");
        await zhengInChannel.ExecuteAsync(taken, "ask", ("question", "Which Outlook version?"));
        await office.DrainAsync();
        Assert.Contains("Which Outlook version?", Text(zhang.LatestCardWith("answer")), StringComparison.Ordinal);
        Assert.DoesNotContain(chen.Cards(), c => Verbs(c).Contains("answer"));

        // Filing for someone did not make the caller's details the engineer's own: a report of her own asks hers.
        await chen.SayAsync("report a problem");
        await chen.SayAsync("Outlook crashes when I open attachments");
        foreach (var answer in new[] { "none", "just now", "no", "only me", "skip" })
        {
            await chen.SayAsync(answer);
        }

        Assert.StartsWith("I need a few details once", chen.Texts[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US", "report for 张伟", "Only engineers of the service desk can file a report for someone else.")]
    [InlineData("zh-CN", "代为报告 张伟", "只有服务台的工程师可以代他人报告问题。")]
    public async Task Anyone_outside_the_service_desk_is_refused_clearly(string locale, string command, string refusal)
    {
        await using var office = await OpenAsync();
        foreach (var (id, name) in new[] { (JamesCarter, "James Carter"), ("aad-zhang-wei", "张伟") })
        {
            var person = office.Personal(id, name, locale);
            await person.SayAsync(command);
            Assert.StartsWith(refusal, person.Texts[^1], StringComparison.Ordinal);
        }
    }
}

/// <summary>Which teams may file for someone else is configuration, checked at start like the rest.</summary>
public sealed class OnBehalfOptionsTests
{
    [Fact]
    public void A_team_that_is_not_in_the_roster_is_named_under_its_key()
    {
        var validator = new IntakeOptionsValidator(SampleConfiguration.Load());
        var result = validator.Validate(null, new IntakeOptions { OnBehalfTeams = ["servicedesk", "front-office"] });
        Assert.Equal(["Intake:OnBehalfTeams:1 'front-office' is not a team under Roster:Teams."], result.Failures);
        Assert.True(validator.Validate(null, new IntakeOptions()).Succeeded);
    }
}

/// <summary>The reminders' nudges to the reporter also reach the engineer who speaks for the caller, headed "ask the caller".</summary>
public sealed class OnBehalfReminderTests
{
    [Fact]
    public async Task The_reporters_nudge_for_an_unanswered_question_goes_to_the_filing_engineer_as_ask_the_caller()
    {
        const string chenJing = "9f1c2d3e-0001-4000-8000-000000000003";
        await using var desk = await ReminderOffice.OpenAsync();
        var chen = desk.Office.Personal(chenJing, "陈静 Chen Jing", "zh-CN");
        await chen.InstallAsync();
        var services = desk.Office.App.Services;
        var draft = TestTickets.Draft(reporter: TestTickets.Employee with { Id = chenJing, Name = "李娜", Locale = "zh-CN" }) with
        {
            OnBehalf = new FiledFor { FiledById = chenJing, FiledByName = "陈静 Chen Jing", CameBy = "phone", CallerVoice = true },
        };
        var filer = new Actor(chenJing, "陈静 Chen Jing");
        var ticket = await services.GetRequiredService<TicketService>().SubmitAsync(draft, filer);
        services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, filer));
        await desk.SettleAsync();

        var james = desk.Office.InTriageChannel(TeamsOffice.JamesCarter, "James Carter", "en-US");
        await desk.AtAsync(Calendars.ChinaTime(11, 23, 10, 0));
        await james.ExecuteAsync(james.LatestCardWith("ask"), "ask", ("question", "Which browser?"));
        await desk.AtAsync(Calendars.ChinaTime(11, 23, 10, 45));

        Assert.Contains(chen.Texts, t => t.StartsWith($"请询问报告人(李娜):⏰ 您的工单 {ticket.Number} 正在等待您回答下面的问题", StringComparison.Ordinal));
    }
}
