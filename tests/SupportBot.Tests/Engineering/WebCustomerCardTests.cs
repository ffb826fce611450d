using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Schema;
using SupportBot.Engineering;
using SupportBot.Tickets;
using static SupportBot.Tests.TestKit.TeamsOffice;
using static SupportBot.Tests.TestKit.TicketCards;

namespace SupportBot.Tests.Engineering;

/// <summary>
/// A web customer's side of the engineers' work: their questions and verification arrive through the Direct Line
/// conversation they reported from, as cards with <c>Action.Submit</c> (Web Chat has no <c>Action.Execute</c>),
/// and what they submit lands on the ticket.
/// </summary>
public sealed class WebCustomerCardTests
{
    [Fact]
    public async Task A_web_customer_answers_the_engineers_question_from_a_submit_card_in_their_chat()
    {
        await using var office = await OpenAsync();
        await office.InTriageChannel(Admin, "IT Admin", "en-US").SayAsync("bind triage apps");
        var maria = await WebChatVisitor.StartAsync(office.App, "Maria Rossi");
        await maria.SayAsync("hello");
        var mariaId = (await maria.PollAsync()).First(a => a.From?.Role == "user").From!.Id!;
        var ticket = await FileForAsync(office, mariaId, maria.ConversationId);

        var zheng = office.InTriageChannel(ZhengLi, "郑丽 Zheng Li", "en-US");
        var taken = await zheng.ExecuteAsync(zheng.LatestCardWith("take"), "take");
        await zheng.ExecuteAsync(taken, "ask", ("question", "Which printer model is it?"));
        await office.DrainAsync();

        var question = (await maria.PollAsync()).Select(a => a.Attachments?.FirstOrDefault(x => x.ContentType == Attachment.AdaptiveCardContentType)?.Content).OfType<JsonElement>().Last();
        Assert.Contains("郑丽 Zheng Li has a question about your ticket: Which printer model is it?", Text(question), StringComparison.Ordinal);
        Assert.DoesNotContain(Walk(question), node => node.TryGetProperty("type", out var type) && type.GetString() == "Action.Execute");

        var submit = JsonNode.Parse(Action(question, "answer").GetProperty("data").GetRawText())!.AsObject();
        submit[CardInputs.Id("answer", "answer")] = "HP LaserJet M507, floor 3";
        await maria.PostActivityAsync(new { type = "message", channelId = "webchat", from = new { id = mariaId, role = "user" }, value = submit });
        await office.DrainAsync();

        var answered = office.Ticket(ticket.Number);
        Assert.Equal(TicketStatus.InProgress, answered.Status);
        Assert.Equal("HP LaserJet M507, floor 3", answered.History.Last(e => e.What == "answerQuestion").Note);
        Assert.Contains((await maria.PollAsync()).Select(a => a.Text), t => t == $"Thank you. Your answer is on {ticket.Number} and the engineer is told.");
    }

    /// <summary>Files a web customer's ticket from their Direct Line conversation and hands it to the triage channel.</summary>
    internal static async Task<Ticket> FileForAsync(TeamsOffice office, string customerId, string conversationId)
    {
        // The id the app gives a web visitor: qualified with the channel, as every non-Teams sender is.
        var senderId = new Activity { ChannelId = Channels.WebChat, From = new ChannelAccount { Id = customerId } }.SenderId()!;
        var reporter = new Reporter { Id = senderId, Kind = ReporterKind.Customer, Name = "Maria Rossi", Locale = "en-US", Company = "Rossi Imports" };
        var ticket = await office.App.Services.GetRequiredService<TicketService>().SubmitAsync(
            new TicketDraft
            {
                Reporter = reporter,
                Title = "Floor 3 printer jams on every job",
                Category = "software",
                Priority = Priority.Medium,
                Description = new TicketDescription { Specific = "Printing any document on the floor 3 printer jams the paper", Original = "printer jams" },
                ReporterConversation = new ConversationAddress(Channels.WebChat, conversationId),
            },
            new Actor(reporter.Id, reporter.Name));

        // What intake does after filing: the triage channel hears of it.
        office.App.Services.GetRequiredService<TicketBroadcaster>().Publish(new TicketEvent(ticket, null, new Actor(reporter.Id, reporter.Name)));
        await office.DrainAsync();
        return ticket;
    }
}
