using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// The built-in page's anonymous visitor over real HTTP, as chat.js asks for tokens: the pass it keeps in localStorage
/// brings back the same visitor (their tickets, their last conversation); a forged pass or a named id does not.
/// </summary>
public sealed class VisitorPassTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new(new Dictionary<string, string?> { ["DirectLine:ConversationsPerMinutePerClient"] = "100" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US", "my tickets")]
    [InlineData("zh-CN", "我的工单")]
    public async Task A_returning_visitor_with_their_pass_is_the_same_visitor_with_their_tickets(string locale, string ask)
    {
        var (first, pass) = await PageAsync(new { user = new { name = "Ann Lee" } }, locale);
        var number = await TicketChannelTests.FileTicketAsync(first, locale);

        // Another day, another tab: no conversation to continue, only the pass.
        _app.Time.Advance(TimeSpan.FromDays(1));
        var (again, samePass) = await PageAsync(new { user = new { name = "Ann Lee" }, visitor = pass }, locale);
        await again.SayAsync(ask);

        Assert.NotEqual(first.ConversationId, again.ConversationId);
        Assert.Equal(pass, samePass);
        Assert.Contains(await again.PollAsync(), a => a.Text?.Contains(number, StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("en-US", "my tickets", "You have no tickets yet.")]
    [InlineData("zh-CN", "我的工单", "您还没有工单。")]
    public async Task A_forged_pass_for_a_known_visitor_id_gets_a_new_visitor_who_sees_none_of_their_tickets(string locale, string ask, string none)
    {
        var (first, pass) = await PageAsync(new { user = new { name = "Ann Lee" } }, locale);
        var number = await TicketChannelTests.FileTicketAsync(first, locale);
        var visitorId = pass[..pass.LastIndexOf('.')];

        // The id is no secret (it is in every activity); its signature is. Guesses and an id named outright get nothing.
        foreach (var forged in new object[]
        {
            new { visitor = visitorId + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
            new { visitor = visitorId },
            new { user = new { id = visitorId } },
        })
        {
            var (stranger, strangerPass) = await PageAsync(forged, locale);
            await stranger.SayAsync(ask);

            Assert.False(strangerPass.StartsWith(visitorId + ".", StringComparison.Ordinal), strangerPass);
            var seen = await stranger.PollAsync();
            Assert.DoesNotContain(seen, a => a.Text?.Contains(number, StringComparison.Ordinal) == true);
            Assert.Contains(seen, a => a.Text?.StartsWith(none, StringComparison.Ordinal) == true);
        }
    }

    [Fact]
    public async Task The_pass_continues_its_own_last_conversation_but_never_another_visitors()
    {
        var (ann, annPass) = await PageAsync(new { user = new { name = "Ann" } }, "en-US");
        await ann.SayAsync("The printer on floor 3 is jammed");
        var (bob, bobPass) = await PageAsync(new { user = new { name = "Bob" } }, "en-US");

        var annBack = await TokenAsync(new { visitor = annPass, conversationId = ann.ConversationId });
        var bobIntoAnns = await TokenAsync(new { visitor = bobPass, conversationId = ann.ConversationId });

        Assert.True(annBack.GetProperty("resumed").GetBoolean());
        Assert.Equal(ann.ConversationId, annBack.GetProperty("conversationId").GetString());
        var resumed = await WebChatVisitor.StartWithAsync(_app.CreateClient(), annBack, "en-US");
        Assert.Contains(await resumed.PollAsync(from: ""), a => a.Text == "The printer on floor 3 is jammed");
        Assert.False(bobIntoAnns.GetProperty("resumed").GetBoolean());
        Assert.NotEqual(ann.ConversationId, bobIntoAnns.GetProperty("conversationId").GetString());
        Assert.NotEqual(bob.ConversationId, ann.ConversationId);
    }

    private async Task<JsonElement> TokenAsync(object body)
    {
        var response = await _app.CreateClient().SendAsync(WebChatVisitor.SameOrigin(HttpMethod.Post, "/api/webchat/token", body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The page's token request with <paramref name="body"/>, then the widget's start; the visitor and the pass to keep.</summary>
    private async Task<(WebChatVisitor Visitor, string Pass)> PageAsync(object body, string locale)
    {
        var issued = await TokenAsync(body);
        return (await WebChatVisitor.StartWithAsync(_app.CreateClient(), issued, locale), issued.GetProperty("visitor").GetString()!);
    }
}
