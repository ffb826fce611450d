using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.State;
using SupportBot.Reminders;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.Calendars;

namespace SupportBot.Tests.Reminders;

/// <summary>
/// Two SupportBot instances on one PostgreSQL database, the reminders' Quartz clustered on it. Must hold: a reminder
/// due while both run is sent once (one outbox row, one record on the ticket); two passes over the same due ticket at
/// once send it once; when the instance holding the trigger dies, the other sends the reminder, once. Monday 23
/// November 2026, 09:30 in Shanghai: a medium ticket's first-response nudge to the triage channel is due at 09:41:15.
/// </summary>
public sealed class ClusteredReminderTests
{
    private static readonly DateTimeOffset NudgeDue = ChinaTime(11, 23, 9, 41).AddSeconds(15);

    [Fact]
    public async Task A_nudge_due_while_two_instances_run_is_sent_once()
    {
        await using var cluster = await ReminderCluster.OpenAsync();
        var number = (await cluster.SubmitAsync(Priority.Medium, "OA 审批按钮无响应")).Number;

        await cluster.AtAsync(NudgeDue.AddSeconds(-1));
        Assert.Equal(0, cluster.ReminderRows(TriageKey(number)));
        await cluster.AtAsync(NudgeDue);
        await cluster.AtAsync(ChinaTime(11, 23, 9, 44));

        Assert.Equal(1, cluster.ReminderRows(TriageKey(number)));
        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], Reminders(cluster.B, number));
    }

    [Fact]
    public async Task Two_passes_over_the_same_due_ticket_on_two_instances_at_once_send_its_nudge_once()
    {
        await using var cluster = await ReminderCluster.OpenAsync();
        var number = (await cluster.SubmitAsync(Priority.Medium, "OA 审批按钮无响应")).Number;

        // Both clocks at the due time and both dispatchers on the ticket together (the scheduler's own pass may join them).
        ReminderCluster.SetClock(cluster.A, NudgeDue);
        ReminderCluster.SetClock(cluster.B, NudgeDue);
        await Task.WhenAll(PassAsync(cluster.A, number), PassAsync(cluster.B, number));
        await cluster.SettleAsync();

        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], Reminders(cluster.A, number));
        Assert.Equal(1, cluster.ReminderRows(TriageKey(number)));
    }

    [Fact]
    public async Task When_the_instance_holding_the_trigger_dies_the_other_sends_the_nudge_once()
    {
        await using var cluster = await ReminderCluster.OpenAsync();
        var number = (await cluster.SubmitAsync(Priority.Medium, "OA 审批按钮无响应")).Number;
        var a = await ReminderCluster.InstanceIdAsync(cluster.A);

        // A's clock reaches 09:41 first: its scheduler takes the trigger due at 09:41:15 ahead of time and holds it.
        ReminderCluster.SetClock(cluster.A, NudgeDue.AddSeconds(-15));
        Assert.Equal(a, await cluster.HolderOfDueTriggerAsync());

        // A dies before the trigger fires. Time passes on B: once A has missed its check-ins, B recovers what A held.
        cluster.KillA();
        ReminderCluster.SetClock(cluster.B, NudgeDue);
        var sentAt = await cluster.RunBUntilAsync(() => cluster.ReminderRows(TriageKey(number)) > 0);
        await cluster.SettleAsync();

        // Late by A's missed check-ins (seconds, with a 1 s interval), never by a step: it is still the nudge, sent once.
        Assert.True(sentAt < NudgeDue.AddMinutes(1), $"sent at {sentAt:O}");
        Assert.Equal(["reminded firstResponse/nudge → triage:apps"], Reminders(cluster.B, number));

        // A comes back only to shut down: what it held was taken over, and it sends nothing more.
        await cluster.StopAAsync();
        Assert.Equal(1, cluster.ReminderRows(TriageKey(number)));
    }

    private static string TriageKey(string number) => $"{number}|triage:apps";

    // What the scheduler's pass does for one ticket: a pass that loses to the other (the ticket changed under it) ends there.
    private static async Task PassAsync(TeamsOffice office, string number)
    {
        try
        {
            await office.App.Services.GetRequiredService<ReminderDispatcher>().RemindAsync(number, CancellationToken.None);
        }
        catch (StorageConflictException)
        {
        }
    }

    // The reminder entries of the ticket's history, as "what step → recipient", read through one instance.
    private static List<string> Reminders(TeamsOffice office, string number) =>
        [.. office.Ticket(number).History
            .Where(e => HistoryKinds.IsReminder(e.What))
            .Select(e => (e.What, Step: e.Before ?? "", e.After))
            .Select(e => $"{e.What} {e.Step[..e.Step.IndexOf('@', StringComparison.Ordinal)]}/{e.Step[(e.Step.LastIndexOf('/') + 1)..]} → {e.After}")];
}
