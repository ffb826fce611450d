using SupportBot.Storage;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;
using static SupportBot.Tests.TestKit.TeamsOffice;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// Reminders travel through the outbox. Must hold: a step is recorded on the ticket together with its message, so a
/// connector that hangs, a stop while a send is in flight, or a restart in the middle of a digest's window neither
/// loses a reminder nor sends one twice. Monday 23 November 2026, 09:30 in Shanghai; the first-response nudge of a
/// medium ticket falls due at 09:41:15 and goes to the triage channel.
/// </summary>
public sealed class ReminderOutboxTests
{
    private const string Number = "TS-20261123-001";
    private const string Nudge = "reminded firstResponse/nudge → triage:apps";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Outbox:AttemptTimeout"] = "00:00:10",
        ["Outbox:ShutdownGrace"] = "00:00:00.2",
        ["Reminders:CombineNudgesWithin"] = "0",
    };

    [Fact]
    public async Task A_reminder_due_while_the_connector_hangs_is_delivered_once_after_it_recovers_across_a_restart()
    {
        await using var desk = await ReminderOffice.OpenAsync(Settings);
        var triage = await NudgeCutOffByAHangingConnectorAsync(desk);
        Assert.Equal([Nudge], desk.Reminders(Number));
        Assert.Empty(Nudges(triage));

        await desk.RestartAtAsync(ChinaTime(11, 23, 9, 43));
        Assert.Equal($"⏰ {Number}(OA 审批按钮无响应):首次响应截止于 2026-11-23 09:45(还剩 2分钟)。", Assert.Single(Nudges(triage)));

        // Later passes and the next step do not send it again, and the history records it once.
        await desk.AtAsync(ChinaTime(11, 23, 9, 45));
        Assert.Single(Nudges(triage));
        Assert.Equal([Nudge, "reminded firstResponse/breach → triage:apps", $"escalated firstResponse/breach → engineer:{ZhengLi}"], desk.Reminders(Number));
    }

    [Fact]
    public async Task A_reminder_recorded_but_not_yet_sent_when_SupportBot_stops_is_kept_on_disk_and_sent_once_by_the_next_start()
    {
        await using var desk = await ReminderOffice.OpenAsync(Settings);
        var triage = await NudgeCutOffByAHangingConnectorAsync(desk);

        // SupportBot stops before the next try: the step is recorded, its message not yet sent.
        await desk.StopAsync();
        using (var database = await desk.OpenDatabaseAsync())
        {
            var ticket = database.GetCollection<Ticket>("tickets").ByKey(Number)!;
            Assert.Single(ticket.History, e => e.What == HistoryKinds.Reminded && e.After == "triage:apps");
            var owed = Assert.Single(database.GetCollection("outbox").Find(LiteFilter.Where.Eq("kind", "reminder").Expression()));
            Assert.Equal("pending", owed["state"].AsString);
        }

        await desk.StartAtAsync(ChinaTime(11, 23, 9, 42));
        Assert.Single(Nudges(triage));
        await desk.AtAsync(ChinaTime(11, 23, 9, 44));
        Assert.Single(Nudges(triage));
        Assert.Equal([Nudge], desk.Reminders(Number));
    }

    [Fact]
    public async Task Nudges_held_for_a_digest_when_SupportBot_restarts_arrive_as_one_message_when_their_window_closes()
    {
        await using var desk = await ReminderOffice.OpenAsync();
        var (_, zheng, _, _) = await desk.PeopleAsync();
        await desk.TwoTakenByZhengAsync(zheng);

        // Both response nudges (14:01, 14:03) are held in the window that closes at 14:06; SupportBot restarts at 14:04.
        await desk.AtAsync(ChinaTime(11, 23, 14, 1));
        await desk.AtAsync(ChinaTime(11, 23, 14, 3));
        await desk.RestartAtAsync(ChinaTime(11, 23, 14, 4));
        await desk.AtAsync(ChinaTime(11, 23, 14, 5).AddSeconds(59));
        Assert.Empty(Nudges(zheng));
        Assert.Equal([], desk.Reminders(Number));

        await desk.AtAsync(ChinaTime(11, 23, 14, 6));
        Assert.StartsWith("⏰ 您有 2 张工单即将到期:", Assert.Single(Nudges(zheng)), StringComparison.Ordinal);
        Assert.Equal(["reminded engineerResponse/nudge → engineer:" + ZhengLi], desk.Reminders(Number));
        Assert.Equal(["reminded engineerResponse/nudge → engineer:" + ZhengLi], desk.Reminders("TS-20261123-002"));

        await desk.AtAsync(ChinaTime(11, 23, 14, 30));
        Assert.Single(Nudges(zheng));
    }

    /// <summary>
    /// The nudge falls due while the connector hangs: it is recorded and queued at once, and its send hangs until the
    /// try's timeout cuts it off, unmarked; its next try waits for the clock. The connector answers again from then on,
    /// so nothing else is left hanging when SupportBot stops. Returns the triage channel, which has not received it.
    /// </summary>
    private static async Task<TeamsPerson> NudgeCutOffByAHangingConnectorAsync(ReminderOffice desk)
    {
        var (_, _, _, triage) = await desk.PeopleAsync();
        await desk.SubmitAsync(Priority.Medium);
        desk.Channel.Hang = true;
        desk.Office.App.Time.SetUtcNow(ChinaTime(11, 23, 9, 41).AddSeconds(15));
        await desk.Channel.FirstHung.Task.WaitAsync(TimeSpan.FromMinutes(1));
        desk.Channel.Hang = false;
        desk.Office.App.Time.Advance(TimeSpan.FromSeconds(11));
        return triage;
    }

    private static List<string> Nudges(TeamsPerson person) => [.. person.Texts.Where(t => t.StartsWith('⏰'))];
}
