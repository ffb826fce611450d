using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engineering;
using SupportBot.Knowledge;
using SupportBot.Tickets;
using SupportBot.Tickets.Deadlines;
using static SupportBot.Tests.TestKit.Calendars;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// Archive → knowledge article (issue 20): a ticket closed on Friday 27 November 2026 (Shanghai office calendar) must be
/// archived by close of business on the third working day, Wednesday 2 December 18:00. Its assignee gets the article
/// draft at once and decides it with the card's buttons; an unanswered draft is nudged and archived without an article.
/// </summary>
public sealed class ArchiveDraftTests
{
    private const string Number = "TS-20261127-001";
    private const string SunLei = "9f1c2d3e-0003-4000-8000-000000000001";
    private const string ChineseReporter = ReminderOffice.Reporter;
    private const string EnglishReporter = "aad-ann-lee";

    [Fact]
    public async Task A_ticket_closed_on_Friday_is_drafted_published_and_searchable_and_its_archive_deadline_is_met_by_the_third_working_day()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (zhang, zheng, _, _) = await desk.PeopleAsync();
        await CloseOnFridayAsync(desk, zhang, zheng, ("郑丽 Zheng Li", "zh-CN"), Chinese, "审批服务的会话缓存已满", "清理审批服务的会话缓存并重启");

        // Closed at 10:30: the assignee is handed the draft at once, with everything the article will say.
        Assert.StartsWith($"📚 {Number}(OA 审批按钮无响应)已关闭。", zheng.Texts[^1], StringComparison.Ordinal);
        Assert.Contains("2026-12-02 18:00", zheng.Texts[^1], StringComparison.Ordinal);
        var draft = zheng.LatestCardWith("archivePublish");
        var shown = Text(draft);
        foreach (var part in new[] { "标题: OA 审批按钮无响应", "系统及版本: OA V5.2", "原因: 审批服务的会话缓存已满", "解决步骤: 清理审批服务的会话缓存并重启", $"关联工单: {Number}", "语言: 中文" })
        {
            Assert.Contains(part, shown, StringComparison.Ordinal);
        }

        Assert.Equal(["archivePublish", "archiveEdit", "archiveSkip"], Verbs(draft));
        Assert.Equal("须在 2026-12-02 18:00 前归档", Fact(zheng.Cards().Last(card => Text(card).Contains("中 (P2) · 已关闭", StringComparison.Ordinal)), "归档"));

        var done = await zheng.ExecuteAsync(draft, "archivePublish");
        await desk.SettleAsync();
        Assert.Contains($"{Number} 已归档为知识库文章,现在即可搜索到。", Text(done), StringComparison.Ordinal);
        Assert.Contains("已归档:文章 KB-000001(已发布)", Text(done), StringComparison.Ordinal);
        Assert.Empty(Verbs(done));

        var ticket = desk.Ticket(Number);
        Assert.Equal(("published", "KB-000001"), (ticket.Archived!.How, ticket.Archived.ArticleId));
        var recorded = ticket.History.Last(e => e.What == "archive");
        Assert.Equal((ZhengLi, "published", "KB-000001"), (recorded.ActorId, recorded.Before, recorded.After));
        var archive = Service(desk).DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.Archive);
        Assert.Equal((ChinaTime(12, 2, 18, 0), false, false), (archive.DueAt, archive.IsOpen, archive.WasMetLate));

        Assert.Equal("已归档:文章 KB-000001(已发布)", Fact(zheng.Cards().Last(card => Text(card).Contains("中 (P2) · 已关闭", StringComparison.Ordinal)), "归档"));
        Assert.DoesNotContain("KB-000001", Text(zhang.Cards().Last(card => Text(card).Contains(Number, StringComparison.Ordinal))), StringComparison.Ordinal);

        var article = Articles(desk).Find("KB-000001")!;
        Assert.Equal([Number], article.Tickets);
        Assert.Equal(("zh-CN", "OA", "审批服务的会话缓存已满"), (article.Language, article.Text.System, article.Text.Cause));

        // Searchable at once, from chat.
        await zheng.SayAsync("知识库 OA 审批按钮 E005");
        Assert.Contains("KB-000001", zheng.Texts[^1], StringComparison.Ordinal);

        // And sure enough for the intake to offer it to the next reporter who describes the same problem (deflection).
        var services = desk.Office.App.Services;
        var offered = services.GetRequiredService<SupportBot.Knowledge.Search.IKnowledgeSearch>().Search("在OA系统中点击'审批'按钮无响应,提示错误代码E005", "zh-CN", 3)[0];
        Assert.Equal("KB-000001", offered.Id);
        Assert.True(offered.Confidence >= services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KnowledgeOptions>>().Value.OfferConfidence, $"confidence {offered.Confidence}");

        // Nothing is owed any more: no nudge, no second archive at the deadline.
        var texts = zheng.Texts.Count;
        await desk.AtAsync(ChinaTime(12, 3, 9, 0));
        Assert.Equal(texts, zheng.Texts.Count);
        Assert.Equal(1, desk.Ticket(Number).History.Count(e => e.What == "archive"));
    }

    [Fact]
    public async Task A_draft_never_answered_is_nudged_and_archived_without_an_article_at_the_deadline()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (ann, james) = await EnglishPeopleAsync(desk);
        await CloseOnFridayAsync(desk, ann, james, ("James Carter", "en-US"), English, "The approval service's session cache was full", "Cleared the session cache and restarted the service");
        Assert.StartsWith($"📚 {Number} (OA approve button does nothing) is closed.", james.Texts[^1], StringComparison.Ordinal);

        // 75% of the 28.5 business hours to Wednesday 18:00 have passed on Wednesday at 09:22:30.
        await desk.AtAsync(ChinaTime(12, 2, 9, 22));
        Assert.StartsWith("📚", james.Texts[^1], StringComparison.Ordinal);
        await desk.AtAsync(ChinaTime(12, 2, 9, 23));
        Assert.Equal($"⏰ The knowledge article of {Number} (OA approve button does nothing) still waits for you. Without an answer by Wed 2 Dec, 18:00 the ticket is archived without an article.", james.Texts[^1]);
        Assert.Contains("archivePublish", Verbs(TeamsPerson.CardOf(james.Received[^1])!.Value));

        await desk.AtAsync(ChinaTime(12, 2, 17, 59));
        Assert.Null(desk.Ticket(Number).Archived);
        await desk.AtAsync(ChinaTime(12, 2, 18, 0));
        var ticket = desk.Ticket(Number);
        Assert.Equal(("deadline", null, ChinaTime(12, 2, 18, 0)), (ticket.Archived!.How, ticket.Archived.ArticleId, ticket.Milestones.ArchivedAt));
        Assert.Equal("archived, no article", ticket.Archived.Status);
        Assert.Equal(["archive/draft → engineer:" + JamesCarter, "archive/nudge → engineer:" + JamesCarter], Reminded(ticket));
        Assert.False(Service(desk).DeadlinesOf(ticket).Single(d => d.Kind == DeadlineKind.Archive).IsOpen);
        Assert.Empty(Articles(desk).All());

        // Every copy of the draft now says so, with nothing left to press.
        var refreshed = james.Updates[^1].Card;
        Assert.Contains("Archived, no article (no answer by the archive deadline)", Text(refreshed), StringComparison.Ordinal);
        Assert.Empty(Verbs(refreshed));
    }

    [Fact]
    public async Task A_closed_ticket_whose_archive_deadline_passed_while_SupportBot_was_down_is_archived_at_the_next_start_without_a_late_draft()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (zhang, zheng, _, _) = await desk.PeopleAsync();
        await CloseOnFridayAsync(desk, zhang, zheng, ("郑丽 Zheng Li", "zh-CN"), Chinese, "会话缓存已满", "清理缓存");
        var texts = zheng.Texts.Count;

        await desk.RestartAtAsync(ChinaTime(12, 3, 9, 0));
        var ticket = desk.Ticket(Number);
        Assert.Equal(("deadline", null), (ticket.Archived!.How, ticket.Archived.ArticleId));
        Assert.Equal(["archive/draft → engineer:" + ZhengLi], Reminded(ticket));
        Assert.Equal(texts, zheng.Texts.Count);
    }

    [Fact]
    public async Task Edit_then_publish_refuses_others_and_a_second_press_does_nothing()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (ann, james) = await EnglishPeopleAsync(desk);
        await CloseOnFridayAsync(desk, ann, james, ("James Carter", "en-US"), English, "Session cache full", "Cleared the cache");
        var draft = james.LatestCardWith("archiveEdit");

        // Another team's lead, holding a forwarded copy: refused, and shown neither the draft nor its buttons.
        var sunLei = desk.Office.Personal(SunLei, "孙磊 Sun Lei", "zh-CN");
        var refused = await sunLei.ExecuteAsync(draft, "archivePublish");
        Assert.Contains("只有工单的处理人或其所属团队的组长可以决定它的知识库文章。", Text(refused), StringComparison.Ordinal);
        Assert.DoesNotContain("Session cache full", Text(refused), StringComparison.Ordinal);
        Assert.Empty(Verbs(refused));
        Assert.Null(desk.Ticket(Number).Archived);

        // The edit inputs start as the draft; the assignee rewrites them and publishes.
        Assert.Contains("Session cache full", InputValues(draft), StringComparer.Ordinal);
        var edited = await james.ExecuteAsync(draft, "archiveEdit",
            ("title", "OA approval button does nothing (E005)"), ("problem", "Approving in OA does nothing and shows E005"),
            ("cause", "The approval service's session cache was full"), ("solution", "1. Clear the session cache\n2. Restart the approval service"), ("scope", "Everyone approving in OA"));
        await desk.SettleAsync();
        Assert.Contains($"{Number} is archived as a knowledge article with your text; it can be found at once.", Text(edited), StringComparison.Ordinal);
        var article = Assert.Single(Articles(desk).All());
        Assert.Equal(("OA approval button does nothing (E005)", "Everyone approving in OA", "en-US"), (article.Text.Title, article.Text.Scope, article.Language));
        Assert.Equal("1. Clear the session cache\n2. Restart the approval service", article.Text.Solution);

        // The same card pressed again (a double click): nothing happens twice.
        var again = await james.ExecuteAsync(draft, "archivePublish");
        await desk.SettleAsync();
        Assert.DoesNotContain("archived as a knowledge article", Text(again), StringComparison.Ordinal);
        Assert.Single(Articles(desk).All());
        Assert.Equal(1, desk.Ticket(Number).History.Count(e => e.What == "archive"));
    }

    [Fact]
    public async Task Merge_adds_the_ticket_to_an_existing_article_as_a_new_version_and_the_lead_may_decline_another()
    {
        await using var desk = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Reminders:CombineNudgesWithin"] = "0" });
        var (zhang, zheng, wu, _) = await desk.PeopleAsync();
        var known = await Articles(desk).ImportAsync([Known()]);
        Assert.Equal("KB-000001", known[0].Id);
        await CloseOnFridayAsync(desk, zhang, zheng, ("郑丽 Zheng Li", "zh-CN"), Chinese, "审批服务的会话缓存已满", "清理审批服务的会话缓存并重启");

        var draft = zheng.LatestCardWith("archiveMerge");
        Assert.Equal(["KB-000001 · OA 审批按钮无响应 E005"], Choices(draft, "archiveMerge.article"));
        var merged = await zheng.ExecuteAsync(draft, "archiveMerge", ("article", "KB-000001"));
        await desk.SettleAsync();
        Assert.Contains($"{Number} 已作为新版本加入该文章,原有内容保留在历史中。", Text(merged), StringComparison.Ordinal);
        Assert.Contains("已归档:文章 KB-000001(已合并)", Text(merged), StringComparison.Ordinal);

        var article = Articles(desk).Find("KB-000001")!;
        Assert.Equal(2, article.Version);
        Assert.Equal(["TS-20261120-007", Number], article.Tickets);
        Assert.Equal("重启审批服务", Assert.Single(article.History).Text.Solution);
        Assert.Equal($"重启审批服务\n\n{Number}: 清理审批服务的会话缓存并重启", article.Text.Solution);
        Assert.Equal(("merged", "KB-000001"), (desk.Ticket(Number).Archived!.How, desk.Ticket(Number).Archived!.ArticleId));

        // A second ticket of the same team; its lead declines it from the assignee's card.
        await desk.AtAsync(ChinaTime(11, 27, 11, 0));
        var second = await FileAsync(desk, Chinese(ChineseReporter) with { Title = "OA 登录页加载慢" });
        var inChannel = desk.Office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "zh-CN");
        await inChannel.ExecuteAsync(inChannel.LatestCardWith("take"), "take");
        await desk.SettleAsync();
        await zheng.ExecuteAsync(zheng.LatestCardWith("resolve"), "resolve", ("solution", "网络抖动,已恢复"), ("effort", "5"));
        await desk.SettleAsync();
        await zhang.ExecuteAsync(zhang.LatestCardWith("solved"), "solved");
        await desk.SettleAsync();
        var declined = await wu.ExecuteAsync(zheng.LatestCardWith("archiveSkip"), "archiveSkip", ("reason", "偶发的网络抖动"));
        await desk.SettleAsync();
        Assert.Contains($"{second.Number} 已归档,未写知识库文章。", Text(declined), StringComparison.Ordinal);
        var skipped = desk.Ticket(second.Number);
        Assert.Equal(("notWorth", null), (skipped.Archived!.How, skipped.Archived.ArticleId));
        var entry = skipped.History.Last(e => e.What == "archive");
        Assert.Equal((WuGang, "偶发的网络抖动"), (entry.ActorId, entry.Note));
        Assert.Single(Articles(desk).All());
    }

    private static KnowledgeArticle Known() => new()
    {
        Id = "",
        Text = new ArticleText { Title = "OA 审批按钮无响应 E005", Problem = "在OA系统中点击审批按钮无响应,提示错误代码E005", Solution = "重启审批服务", System = "OA", Category = "software" },
        Language = "zh-CN",
        Tickets = ["TS-20261120-007"],
        CreatedAt = ChinaTime(11, 20, 9, 0),
        UpdatedAt = ChinaTime(11, 20, 9, 0),
    };

    private static TicketDraft Chinese(string reporter) => TestTickets.Draft(reporter: TestTickets.Employee with { Id = reporter }) with
    {
        Title = "OA 审批按钮无响应",
        Description = new TicketDescription { Specific = "在OA系统中点击'审批'按钮无响应,提示错误代码E005", Original = "OA 审批点不了" },
        AffectedSystem = new AffectedSystem { Name = "OA", Version = "V5.2" },
    };

    private static TicketDraft English(string reporter) => TestTickets.Draft(reporter: TestTickets.Employee with { Id = reporter, Name = "Ann Lee", Locale = "en-US" }) with
    {
        Title = "OA approve button does nothing",
        Description = new TicketDescription { Specific = "In OA, clicking 'Approve' does nothing and shows error code E005", Original = "can't approve" },
        AffectedSystem = new AffectedSystem { Name = "OA", Version = "V5.2" },
    };

    private static async Task<(TeamsPerson Reporter, TeamsPerson James)> EnglishPeopleAsync(ReminderOffice desk)
    {
        var ann = desk.Office.Personal(EnglishReporter, "Ann Lee", "en-US");
        var james = desk.Office.Personal(JamesCarter, "James Carter", "en-US");
        await ann.InstallAsync();
        await james.InstallAsync();
        return (ann, james);
    }

    /// <summary>
    /// Filed on Friday 27 November at 09:30, taken at 09:31 by <paramref name="engineer"/> in the triage channel, the cause noted,
    /// resolved at 10:00 and confirmed by the reporter at 10:30: closed on a Friday.
    /// </summary>
    private static async Task CloseOnFridayAsync(
        ReminderOffice desk, TeamsPerson reporter, TeamsPerson engineer, (string Name, string Locale) who, Func<string, TicketDraft> draft, string cause, string solution)
    {
        await desk.AtAsync(ChinaTime(11, 27, 9, 30));
        await FileAsync(desk, draft(reporter.AadId));
        await desk.AtAsync(ChinaTime(11, 27, 9, 31));
        var inChannel = desk.Office.InTriageChannel(engineer.AadId, who.Name, who.Locale);
        await inChannel.ExecuteAsync(inChannel.LatestCardWith("take"), "take");
        await desk.SettleAsync();
        await engineer.ExecuteAsync(engineer.LatestCardWith("note"), "note", ("text", cause), ("cause", "true"));
        await desk.AtAsync(ChinaTime(11, 27, 10, 0));
        await engineer.ExecuteAsync(engineer.LatestCardWith("resolve"), "resolve", ("solution", solution), ("effort", "20"));
        await desk.AtAsync(ChinaTime(11, 27, 10, 30));
        await reporter.ExecuteAsync(reporter.LatestCardWith("solved"), "solved");
        await desk.SettleAsync();
        Assert.Equal(TicketStatus.Closed, desk.Ticket(Number).Status);
    }

    private static async Task<Ticket> FileAsync(ReminderOffice desk, TicketDraft draft)
    {
        var reporter = new Actor(draft.Reporter.Id, draft.Reporter.Name);
        var ticket = await Service(desk).SubmitAsync(draft, reporter);
        desk.Office.App.Services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, reporter));
        await desk.SettleAsync();
        return ticket;
    }

    private static IReadOnlyList<string> Reminded(Ticket ticket) =>
        [.. ticket.History.Where(e => e.What == "reminded").Select(e => (Step: e.Before ?? "", e.After))
            .Where(e => e.Step.StartsWith("archive@", StringComparison.Ordinal))
            .Select(e => $"archive/{e.Step[(e.Step.LastIndexOf('/') + 1)..]} → {e.After}")];

    private static string Fact(System.Text.Json.JsonElement card, string title) =>
        Walk(card).Where(n => n.TryGetProperty("title", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String && t.GetString() == title && n.TryGetProperty("value", out _))
            .Select(n => n.GetProperty("value").GetString()).FirstOrDefault() ?? throw new InvalidOperationException($"No fact '{title}': {Text(card)}");

    private static IEnumerable<string> InputValues(System.Text.Json.JsonElement card) =>
        Walk(card).Where(n => n.TryGetProperty("type", out var t) && t.GetString() == "Input.Text" && n.TryGetProperty("value", out _)).Select(n => n.GetProperty("value").GetString() ?? "");

    private static TicketService Service(ReminderOffice desk) => desk.Office.App.Services.GetRequiredService<TicketService>();

    private static IKnowledgeStore Articles(ReminderOffice desk) => desk.Office.App.Services.GetRequiredService<IKnowledgeStore>();
}
