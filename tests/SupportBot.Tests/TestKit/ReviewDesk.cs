using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using SupportBot.Review;
using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// The weekly review seen from outside: an office whose application team keeps Shanghai time and whose network team
/// keeps Berlin time (its lead reads English), the leads and an administrator in their chats, a way to move the clock
/// and wait until every review due by then has been sent, and the review cards each person received.
/// </summary>
internal sealed class ReviewDesk : IAsyncDisposable
{
    public const string ZhaoQiang = "9f1c2d3e-0002-4000-8000-000000000001";
    public const string AnnaSchmidt = "9f1c2d3e-0002-4000-8000-000000000002";

    private ReviewDesk(ReminderOffice office) => Reminders = office;

    public ReminderOffice Reminders { get; }

    public TeamsOffice Office => Reminders.Office;

    public TeamsPerson WuGang => Office.Personal(TeamsOffice.WuGang, "吴刚 Wu Gang", "zh-CN");

    public TeamsPerson Zhao => Office.Personal(ZhaoQiang, "赵强 Zhao Qiang", "en-US");

    public TeamsPerson Admin => Office.Personal(TeamsOffice.Admin, "Admin", "en-US");

    public static async Task<ReviewDesk> OpenAsync(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Roster:Teams:3:TimeZone"] = "Asia/Shanghai",
            ["Roster:Teams:1:TimeZone"] = "Europe/Berlin",
            ["Roster:Teams:1:Members:0:Locale"] = "en-US",
        };
        var desk = new ReviewDesk(await ReminderOffice.OpenAsync(all));
        foreach (var person in new[] { desk.WuGang, desk.Zhao, desk.Admin })
        {
            await person.InstallAsync();
        }

        await desk.SettleAsync();
        return desk;
    }

    /// <summary>Files a ticket of <paramref name="category"/> at the current time, as the intake would.</summary>
    public Task<Ticket> SubmitAsync(string category, string title) =>
        Office.App.Services.GetRequiredService<TicketService>().SubmitAsync(TestTickets.Draft(category) with { Title = title }, new Actor(TestTickets.Employee.Id, TestTickets.Employee.Name));

    /// <summary>An engineer of the ticket's team acknowledges it now (again on a stale version: a reminder may have recorded itself first).</summary>
    public void Acknowledge(string number, string engineer)
    {
        var tickets = Office.App.Services.GetRequiredService<TicketService>();
        for (var tries = 0; tries < 5; tries++)
        {
            if (tickets.Apply(tickets.Find(number)!, TicketAction.Acknowledge, new Actor(engineer, "engineer")).Outcome == TicketChangeOutcome.Applied)
            {
                return;
            }
        }

        throw new InvalidOperationException($"{number} could not be acknowledged.");
    }

    /// <summary>Moves the clock to <paramref name="at"/> and waits until every reminder and review due by then is sent.</summary>
    public async Task AtAsync(DateTimeOffset at)
    {
        await WithinAsync(Reminders.AtAsync(at), $"the reminders due by {at:O}");
        await SettleAsync();
    }

    public async Task RestartAtAsync(DateTimeOffset at)
    {
        await WithinAsync(Reminders.RestartAtAsync(at), $"the restart at {at:O}");
        await SettleAsync();
    }

    /// <summary>A wait that never ends fails, naming what it waited for and what the outbox still holds.</summary>
    private async Task WithinAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            var rows = Office.App.Services.GetRequiredService<SupportBot.Storage.IOutboxRows>().PendingRows(20);
            throw new TimeoutException($"{what} did not settle in 60 s; outbox: {string.Join("; ", rows.Select(r => $"{r.Kind} {r.Key} due {r.Due:O} tries {r.Attempts}"))}");
        }
    }

    /// <summary>The review cards this person received, oldest first.</summary>
    public static IReadOnlyList<JsonElement> ReviewCards(TeamsPerson person) =>
        [.. person.Cards().Where(card => TicketCards.Texts(card) is [var heading, ..] && (heading.StartsWith("Weekly review", StringComparison.Ordinal) || heading.StartsWith("每周回顾", StringComparison.Ordinal)))];

    /// <summary>The review page address on a card (its Action.OpenUrl), as a path and query for the test server.</summary>
    public static Uri PageOf(JsonElement card)
    {
        var url = new Uri(card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("type").GetString() == "Action.OpenUrl").GetProperty("url").GetString()!);
        return new Uri(url.PathAndQuery, UriKind.Relative);
    }

    /// <summary>Waits until no review wake-up is due at the fake "now" or running, and the cards have gone out.</summary>
    public async Task SettleAsync()
    {
        var services = Office.App.Services;
        var schedule = services.GetRequiredService<ReviewSchedule>();
        await WithinAsync(schedule.Scheduled, "the review schedule");
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var now = Office.App.Time.GetUtcNow();
            var due = new List<string>();
            foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(ReviewSchedule.Group)))
            {
                if (await scheduler.GetTrigger(key) is { } trigger && !(trigger.NextFireTimeUtc > now))
                {
                    due.Add(key.Name);
                }
            }

            if (due.Count == 0 && schedule.Running == 0)
            {
                await WithinAsync(Office.DrainAsync(), "the outbox");
                return;
            }

            if (watch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"Weekly reviews still due or running after 30 s: {string.Join(", ", due)}.");
            }

            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => Reminders.DisposeAsync();
}
