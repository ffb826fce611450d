using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Tickets;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// Issue 21 item 8: a web customer's conversation stays their ticket channel while a ticket is open, files attached to a
/// ticket live with the ticket, and a customer the site vouches for finds their tickets from any later conversation.
/// </summary>
public sealed class TicketChannelTests : IAsyncLifetime
{
    private const string Secret = "site-back-end-secret-0123456789";

    private readonly SupportBotApplication _app = new(new Dictionary<string, string?>
    {
        ["DirectLine:Secret"] = Secret,
        ["DirectLine:ConversationIdleTimeout"] = "02:00:00",
        ["DirectLine:TokenLifetime"] = "04:00:00",

        // The tests run the cleanup themselves: the background pass must not race them when the clock moves.
        ["DirectLine:CleanupInterval"] = "1.00:00:00",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task Idle_cleanup_keeps_the_conversation_of_an_open_ticket_and_ends_it_once_the_ticket_is_closed(string locale)
    {
        var customer = await WebChatVisitor.StartAsync(_app, "Ann Lee", locale);
        var number = await FileTicketAsync(customer, locale);
        var browser = await WebChatVisitor.StartAsync(_app, "Passer-by", locale);
        await browser.SayAsync(locale == "en-US" ? "hello" : "你好");

        _app.Time.Advance(TimeSpan.FromHours(3));
        var firstPass = await CleanAsync();

        Assert.Equal(1, firstPass);
        Assert.NotNull(await FindAsync(customer.ConversationId));
        Assert.Null(await FindAsync(browser.ConversationId));

        // Still the ticket's channel: what the desk sends now reaches the customer's conversation.
        await SendToReporterAsync(Ticket(number), locale == "en-US" ? "Engineer: which printer model is it?" : "工程师:是哪个型号的打印机?");
        Assert.Contains(await customer.PollAsync(), a => a.Text is "Engineer: which printer model is it?" or "工程师:是哪个型号的打印机?");

        // Cancelled by the customer: the ordinary idle rule applies again.
        await CancelAsync(customer, number, locale);
        _app.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await CleanAsync());
        Assert.Null(await FindAsync(customer.ConversationId));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task A_file_attached_to_a_ticket_opens_from_its_link_after_the_conversation_is_gone(string locale)
    {
        var customer = await WebChatVisitor.StartAsync(_app, "Ann Lee", locale);
        var upload = await customer.UploadAsync(FirstWords(locale), ("printer.log", "text/plain", "E005 paper jam tray 2"u8.ToArray()));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var number = await FileTicketAsync(customer, locale, firstWordsSaid: true);
        await CancelAsync(customer, number, locale);

        _app.Time.Advance(TimeSpan.FromHours(3));
        await CleanAsync();

        Assert.Null(await FindAsync(customer.ConversationId));
        var file = Assert.Single(Ticket(number).Attachments);
        Assert.Equal("printer.log", file.Name);
        Assert.StartsWith("http://localhost/files/", file.Url, StringComparison.Ordinal);
        var anonymous = _app.CreateClient();
        var served = await anonymous.GetAsync(new Uri(file.Url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("E005 paper jam tray 2", await served.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);

        // The link is the permission: a guessed id finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/files/" + new string('0', 32))).StatusCode);
    }

    [Theory]
    [InlineData("en-US", "my tickets", "You have no tickets yet.")]
    [InlineData("zh-CN", "我的工单", "您还没有工单。")]
    public async Task A_customer_the_site_vouches_for_sees_their_tickets_in_a_new_conversation_and_a_spoofed_id_does_not(string locale, string ask, string none)
    {
        var monday = await WebChatVisitor.StartVouchedAsync(_app, Secret, "crm-4711", "Ann Lee", locale);
        var number = await FileTicketAsync(monday, locale);

        _app.Time.Advance(TimeSpan.FromDays(2));
        var wednesday = await WebChatVisitor.StartVouchedAsync(_app, Secret, "crm-4711", "Ann Lee", locale);
        await wednesday.SayAsync(ask);

        // The browser alone names the same user: the page's token endpoint gives it an id of its own.
        var client = _app.CreateClient();
        var spoofed = await WebChatVisitor.StartWithAsync(client, await client.SendAsync(WebChatVisitor.SameOrigin(HttpMethod.Post, "/api/webchat/token", new { user = new { id = "crm-4711", name = "Ann Lee" } })), locale);
        await spoofed.SayAsync(ask, claimedUserId: "crm-4711");

        Assert.NotEqual(monday.ConversationId, wednesday.ConversationId);
        Assert.Contains(await wednesday.PollAsync(), a => a.Text?.Contains(number, StringComparison.Ordinal) == true);
        var spoofedSees = await spoofed.PollAsync();
        Assert.DoesNotContain(spoofedSees, a => a.Text?.Contains(number, StringComparison.Ordinal) == true);
        Assert.Contains(spoofedSees, a => a.Text?.StartsWith(none, StringComparison.Ordinal) == true);
    }

    private static string FirstWords(string locale) => locale == "en-US" ? "The printer on floor 3 is jammed" : "打印机卡纸了";

    /// <summary>Files a printer report through Direct Line as the widget would, pressing the card's Submit; returns the ticket number.</summary>
    internal static async Task<string> FileTicketAsync(WebChatVisitor visitor, string locale, bool firstWordsSaid = false)
    {
        string[] answers = locale == "en-US"
            ? ["no", "just now", "no", "only me", "Ann Lee, Contoso", "C-20931", "+86 21 5555 0100"]
            : ["没有", "刚才", "否", "只有我", "李娜,康托索公司", "C-20931", "13800138000"];
        foreach (var answer in firstWordsSaid ? answers : [FirstWords(locale), .. answers])
        {
            await visitor.SayAsync(answer);
        }

        var card = (await visitor.PollAsync(from: "")).SelectMany(a => a.Attachments ?? []).Last(a => a.ContentType == Attachment.AdaptiveCardContentType).Content!.Value;
        var submit = ScriptedReporter.SubmitActions(card).Single(data => data.GetProperty("intake").GetString() == "submit");
        await visitor.PostActivityAsync(new { type = "message", channelId = "webchat", value = submit, locale, channelData = new { clientActivityID = "click-submit" } });
        var filed = (await visitor.PollAsync()).Select(a => a.Text ?? "").Last(text => text.Contains("TS-", StringComparison.Ordinal));
        return filed[filed.IndexOf("TS-", StringComparison.Ordinal)..][..15];
    }

    private Ticket Ticket(string number) => _app.Services.GetRequiredService<ITicketStore>().Find(number)!;

    /// <summary>The reporter withdraws the ticket with their own command, as they would type it.</summary>
    private async Task CancelAsync(WebChatVisitor customer, string number, string locale)
    {
        await customer.SayAsync(locale == "en-US" ? $"cancel {number} the printer works again" : $"取消 {number} 打印机又好了");
        Assert.Equal(TicketStatus.Cancelled, Ticket(number).Status);
    }

    /// <summary>What the outbox does with a message for the reporter: hands it to the channel that hosts their conversation.</summary>
    private async Task SendToReporterAsync(Ticket ticket, string text)
    {
        var channel = _app.Services.GetServices<SupportBot.BotFramework.Connector.IHostedChannel>().OfType<DirectLineChannel>().Single();
        await channel.SendAsync(new Activity { Type = ActivityTypes.Message, Text = text, Conversation = new ConversationAccount { Id = ticket.ReporterConversation!.ConversationId } }, CancellationToken.None);
    }

    private Task<int> CleanAsync() => _app.Services.GetRequiredService<DirectLineCleanup>().CleanOnceAsync(CancellationToken.None);

    private Task<DirectLineConversation?> FindAsync(string id) => _app.Services.GetRequiredService<DirectLineConversations>().FindAsync(id, CancellationToken.None);
}
