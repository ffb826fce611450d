using Microsoft.Extensions.DependencyInjection;
using SupportBot.Engineering;
using SupportBot.Tickets;

namespace SupportBot.Tests.Storage.Faults;

/// <summary>
/// The channel's Connector stops answering while new tickets are announced, SupportBot is restarted, and the
/// Connector is healthy again. Must hold: a send that hangs is cut off by the try's timeout and tried again, the
/// messages still owed survive the restart in the database, and each triage post arrives exactly once.
/// </summary>
public sealed class HangingConnectorTests
{
    private const int Tickets = 3;

    [Fact]
    public async Task Posts_owed_when_the_connector_hung_are_delivered_once_each_after_a_restart()
    {
        await using var office = await ReminderOffice.OpenAsync(new Dictionary<string, string?> { ["Outbox:AttemptTimeout"] = "00:00:10" });
        office.Channel.Hang = true;
        var services = office.Office.App.Services;
        var filed = new List<Ticket>();
        for (var i = 0; i < Tickets; i++)
        {
            var reporter = new Actor(ReminderOffice.Reporter, "张伟");
            var ticket = await services.GetRequiredService<TicketService>().SubmitAsync(TestTickets.Draft(reporter: TestTickets.Employee with { Id = ReminderOffice.Reporter }) with { Title = $"printer {i}" }, reporter);
            services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, reporter));
            filed.Add(ticket);
        }

        await office.Channel.FirstHung.Task.WaitAsync(TimeSpan.FromMinutes(1));
        office.Office.App.Time.Advance(TimeSpan.FromSeconds(11)); // the hanging try times out; its row waits for a retry

        office.Channel.Hang = false;
        await office.RestartAtAsync(office.Office.App.Time.GetUtcNow() + TimeSpan.FromMinutes(5));

        foreach (var ticket in filed)
        {
            Assert.Single(office.Channel.Messages, call => call.Path.Contains(TeamsOffice.TriageChannelId, StringComparison.Ordinal) && call.Text?.Contains(ticket.Number, StringComparison.Ordinal) == true);
        }
    }

    /// <summary>
    /// Stopping while a triage post hangs on the wire must end: the try is abandoned after the outbox's grace and the
    /// host finishes stopping. It once hung for good under the test clock (Polly waited for the abandoned call on the
    /// app's clock, which a test holds still); the dispatcher's grace and the stop are wall-clock, and so is Polly's wait now.
    /// </summary>
    [Fact]
    public async Task Stopping_while_a_post_hangs_on_the_wire_finishes_and_the_post_is_still_owed()
    {
        await using var office = await ReminderOffice.OpenAsync();
        office.Channel.Hang = true;
        var services = office.Office.App.Services;
        var reporter = new Actor(ReminderOffice.Reporter, "张伟");
        var ticket = await services.GetRequiredService<TicketService>().SubmitAsync(TestTickets.Draft(reporter: TestTickets.Employee with { Id = ReminderOffice.Reporter }) with { Title = "printer" }, reporter);
        services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, reporter));
        await office.Channel.FirstHung.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // A hang guard, not a timing claim: the stop waits out the outbox's five-second grace and Polly's one-second look.
        await office.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));

        office.Channel.Hang = false;
        await office.StartAtAsync(office.Office.App.Time.GetUtcNow() + TimeSpan.FromMinutes(5));
        await office.SettleAsync();
        Assert.Single(office.Channel.Messages, call => call.Path.Contains(TeamsOffice.TriageChannelId, StringComparison.Ordinal) && call.Text?.Contains(ticket.Number, StringComparison.Ordinal) == true);
    }
}
