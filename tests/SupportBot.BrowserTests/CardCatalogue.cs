using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Schema;
using SupportBot.Engineering;
using SupportBot.Intake;
using SupportBot.Knowledge;
using SupportBot.Tickets;

namespace SupportBot.BrowserTests;

/// <summary>One card as SupportBot would send it, named for the screenshot and the failure message.</summary>
public sealed record CatalogueCard(string Name, JsonObject Card);

/// <summary>
/// Every card SupportBot can produce: the ticket card in every state for every kind of viewer and channel, the
/// reporter's cards asked and answered, a card showing an input problem, and the intake confirmation, in both languages.
/// </summary>
public static class CardCatalogue
{
    private const string ZhengLi = "9f1c2d3e-0004-4000-8000-000000000002";
    private const string JamesCarter = "9f1c2d3e-0004-4000-8000-000000000003";
    private const string WuGang = "9f1c2d3e-0004-4000-8000-000000000001";
    private static readonly DateTimeOffset Submitted = new(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8));

    public static IReadOnlyList<CatalogueCard> All(IServiceProvider services)
    {
        var ticketCard = services.GetRequiredService<TicketCard>();
        var reporterCards = services.GetRequiredService<ReporterCards>();
        var cards = new List<CatalogueCard>();
        foreach (var locale in new[] { "en-US", "zh-CN" })
        {
            foreach (var (state, ticket) in Tickets())
            {
                foreach (var (viewerName, viewer) in Viewers(locale))
                {
                    cards.Add(new($"ticket-{state}-{viewerName}-{locale}", ticketCard.Render(ticket, viewer)));
                }
            }

            foreach (var channel in new[] { Channels.MsTeams, Channels.WebChat })
            {
                var target = new CardTarget(channel, locale);
                var tickets = Tickets().ToDictionary(t => t.State, t => t.Ticket);
                cards.Add(new($"reporter-question-{channel}-{locale}", reporterCards.Render(CardKind.Question, tickets["waiting"], target)));
                cards.Add(new($"reporter-approval-{channel}-{locale}", reporterCards.Render(CardKind.Approval, tickets["planned"], target)));
                cards.Add(new($"reporter-verification-{channel}-{locale}", reporterCards.Render(CardKind.Verification, tickets["resolved"], target)));
                cards.Add(new($"reporter-rating-{channel}-{locale}", reporterCards.Render(CardKind.Rating, tickets["closed"], target)));
                cards.Add(new($"reporter-rated-{channel}-{locale}", reporterCards.Render(CardKind.Rating, tickets["rated"], target)));
            }

            cards.AddRange(ArchiveDrafts(services, locale));

            var problem = new CardSubmission("TS-20261123-001", 2, "priority", new Dictionary<string, string> { ["priority.priority"] = "urgent" });
            cards.Add(new($"ticket-inputProblem-{locale}", ticketCard.Render(
                Tickets().First(t => t.State == "accepted").Ticket,
                new CardViewer(CardAudience.Engineer, ZhengLi, new CardTarget(Channels.MsTeams, locale)),
                new CardNotice(locale == "en-US" ? "A reason is required." : "必须填写原因。", IsProblem: true),
                problem)));
            cards.Add(new($"intake-confirmation-{locale}", Confirmation(services, locale)));
            cards.Add(new($"intake-knowledgeOffer-{locale}", KnowledgeOffer(services, locale)));
            cards.Add(new($"review-weekly-team-{locale}", ReviewCards.Team(services, locale)));
            cards.Add(new($"review-weekly-desk-{locale}", ReviewCards.Desk(services, locale)));
        }

        return cards;
    }

    /// <summary>A closed ticket's knowledge-article draft: for its assignee, refused to another team's lead, and once archived.</summary>
    private static IEnumerable<CatalogueCard> ArchiveDrafts(IServiceProvider services, string locale)
    {
        var drafts = services.GetRequiredService<ArchiveDraftCard>();
        var closed = Tickets().First(t => t.State == "closed").Ticket;
        closed = closed with { Milestones = closed.Milestones with { ClosedAt = Submitted.AddMinutes(80) } };
        var assignee = new CardViewer(CardAudience.Engineer, ZhengLi, new CardTarget(Channels.MsTeams, locale));
        yield return new($"archive-draft-{locale}", drafts.Render(closed, assignee));
        yield return new($"archive-draft-web-{locale}", drafts.Render(closed, assignee with { Target = new CardTarget(Channels.WebChat, locale) }));
        yield return new($"archive-draft-refused-{locale}", drafts.Render(
            closed,
            new CardViewer(CardAudience.Engineer, "9f1c2d3e-0003-4000-8000-000000000001", new CardTarget(Channels.MsTeams, locale)),
            new CardNotice(locale == "en-US" ? "Only the ticket's assignee or the lead of its team decides its knowledge article." : "只有工单的处理人或其所属团队的组长可以决定它的知识库文章。", IsProblem: true)));
        yield return new($"archive-archived-{locale}", drafts.Render(
            closed with { Archived = new TicketArchive { At = Submitted.AddDays(1), How = ArchiveWays.Published, ArticleId = "KB-000012" } },
            assignee));
    }

    private static IEnumerable<(string, CardViewer)> Viewers(string locale)
    {
        yield return ("triage", new CardViewer(CardAudience.Triage, null, new CardTarget(Channels.MsTeams, locale)));
        yield return ("assignee", new CardViewer(CardAudience.Engineer, ZhengLi, new CardTarget(Channels.MsTeams, locale)));
        yield return ("lead", new CardViewer(CardAudience.Engineer, WuGang, new CardTarget(Channels.MsTeams, locale)));
        yield return ("reporterTeams", new CardViewer(CardAudience.Reporter, "aad-zhang-wei", new CardTarget(Channels.MsTeams, locale)));
        yield return ("reporterWeb", new CardViewer(CardAudience.Reporter, "aad-zhang-wei", new CardTarget(Channels.WebChat, locale)));
    }

    private static IEnumerable<(string State, Ticket Ticket)> Tickets()
    {
        var submitted = new Ticket
        {
            Number = "TS-20261123-001",
            Version = 1,
            SubmittedAt = Submitted,
            Reporter = new Reporter { Id = "aad-zhang-wei", Kind = ReporterKind.Employee, Name = "张伟", Locale = "zh-CN", Department = "财务部", Extension = "8021" },
            Title = "登录OA系统时,'审批'按钮无响应",
            Category = "software",
            Priority = Priority.Medium,
            Status = TicketStatus.Submitted,
            Description = new TicketDescription { Specific = "登录OA系统时,点击'审批'按钮无响应,错误代码为E005", Original = "OA 审批点不动" },
            OccurredAt = Submitted.AddMinutes(-30),
            AffectedSystem = new AffectedSystem { Name = "OA", Version = "5.2" },
            Team = "apps",
            History = [Entry(0, "aad-zhang-wei", "张伟", "created", after: "medium")],
        };
        yield return ("submitted", submitted);

        var accepted = submitted with
        {
            Version = 2,
            Status = TicketStatus.Accepted,
            Assignee = ZhengLi,
            Milestones = new TicketMilestones { AssignedAt = Submitted.AddMinutes(2) },
            History = [.. submitted.History, Entry(2, ZhengLi, "郑丽 Zheng Li", "assigned", after: ZhengLi)],
        };
        yield return ("accepted", accepted);
        yield return ("diagnosed", accepted with
        {
            Version = 3,
            Status = TicketStatus.InProgress,
            OfferedArticles = ["KB-000001", "KB-000007"],
            DiagnosisLog =
            [
                new JournalEntry { At = Submitted.AddMinutes(10), Author = "郑丽 Zheng Li", Text = "Checked the approval service log" },
                new JournalEntry { At = Submitted.AddMinutes(15), Author = "郑丽 Zheng Li", Text = "The session token of the approval service expires after 5 minutes", IsCause = true },
            ],
        });

        var waiting = accepted with
        {
            Version = 3,
            Status = TicketStatus.WaitingForReporter,
            History = [.. accepted.History, Entry(5, ZhengLi, "郑丽 Zheng Li", "askReporter", note: "Is it every approval form, or only expense claims?"),
                Entry(5, ZhengLi, "郑丽 Zheng Li", "status", "Accepted", "WaitingForReporter")],
        };
        yield return ("waiting", waiting);

        var planned = accepted with
        {
            Version = 5,
            Status = TicketStatus.InProgress,
            CoHandlers = [JamesCarter],
            Plan = new SolutionPlan { Text = "Clear the corrupted cache of the expense workflow", ChangesDataOrSystems = true },
            History = [.. accepted.History, Entry(20, ZhengLi, "郑丽 Zheng Li", "proposeSolution", note: "Clear the corrupted cache of the expense workflow")],
        };
        yield return ("planned", planned);
        yield return ("blocked", planned with { Version = 6, Status = TicketStatus.Blocked, EstimatedBy = new DateOnly(2026, 11, 25), Plan = planned.Plan! with { ApprovedAt = Submitted.AddMinutes(25) } });

        var resolved = planned with
        {
            Version = 7,
            Status = TicketStatus.Resolved,
            Plan = planned.Plan! with { ApprovedAt = Submitted.AddMinutes(25) },
            Resolution = new Resolution { FinalSolution = "Cleared the cache and restarted the approval service", EffortMinutes = 45 },
            Milestones = accepted.Milestones with { ResolvedAt = Submitted.AddMinutes(60) },
            History = [.. planned.History, Entry(60, ZhengLi, "郑丽 Zheng Li", "resolve", note: "Cleared the cache and restarted the approval service")],
        };
        yield return ("resolved", resolved);
        yield return ("reopened", resolved with { Version = 8, Status = TicketStatus.Reopened, Verification = new Verification { Solved = false, StillWrong = "Travel approvals still fail", At = Submitted.AddMinutes(70) } });
        yield return ("closed", resolved with { Version = 9, Status = TicketStatus.Closed, Verification = new Verification { Solved = true, At = Submitted.AddMinutes(80) } });
        yield return ("rated", resolved with { Version = 10, Status = TicketStatus.Closed, Satisfaction = new Satisfaction { Rating = SatisfactionRating.Satisfied, At = Submitted.AddMinutes(81) } });
        yield return ("cancelled", submitted with { Version = 2, Status = TicketStatus.Cancelled });
    }

    private static HistoryEntry Entry(int minutes, string id, string name, string what, string? before = null, string? after = null, string? note = null) =>
        new() { At = Submitted.AddMinutes(minutes), ActorId = id, ActorName = name, What = what, Before = before, After = after, Note = note };

    private static JsonObject KnowledgeOffer(IServiceProvider services, string locale)
    {
        var form = new IntakeForm { Id = "form-2", Locale = locale, Description = "在OA系统中打印审批单时提示错误代码E1024" };
        KnowledgeArticle Article(string id, string title, string solution) => new()
        {
            Id = id,
            Language = locale,
            CreatedAt = Submitted,
            UpdatedAt = Submitted,
            Text = new ArticleText { Title = title, Problem = title, Solution = solution, System = "OA" },
        };
        var activity = services.GetRequiredService<SupportBot.Intake.KnowledgeOffer>().Render(form,
        [
            Article("KB-000001", "OA 审批单打印报错 E1024", "在打印服务器上更新证书并重启打印服务"),
            Article("KB-000002", "OA approval form printing fails with E1024", "Renew the print server certificate, then restart the print service"),
        ]);
        return JsonNode.Parse(activity.Attachments![0].Content!.Value.GetRawText())!.AsObject();
    }

    private static JsonObject Confirmation(IServiceProvider services, string locale)
    {
        var form = new IntakeForm
        {
            Id = "form-1",
            Locale = locale,
            Original = "OA 审批点不动",
            Title = "OA approval button does nothing",
            Description = "登录OA系统时,点击'审批'按钮无响应,错误代码为E005",
            System = "OA",
            Category = "software",
        };
        var activity = services.GetRequiredService<ConfirmationCard>().Render(form, "张伟");
        return JsonNode.Parse(activity.Attachments![0].Content!.Value.GetRawText())!.AsObject();
    }
}
