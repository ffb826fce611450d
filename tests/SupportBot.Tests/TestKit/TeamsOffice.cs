using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SupportBot.BotFramework.Schema;
using SupportBot.Engineering;
using SupportBot.Tickets;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A Teams tenant around SupportBot: people in their personal chats and in a triage channel post activities to
/// <c>/api/messages</c> as Teams would (normal delivery), and everything the bot sends — replies, proactive
/// messages, card updates — lands on a fake Connector service on loopback, where the test reads it.
/// </summary>
internal sealed class TeamsOffice : IAsyncDisposable
{
    public const string TriageChannelId = "19:apps-triage@thread.tacv2";
    public const string Admin = "00000000-0000-0000-0000-0000000000ad";
    public const string WuGang = "9f1c2d3e-0004-4000-8000-000000000001";
    public const string ZhengLi = "9f1c2d3e-0004-4000-8000-000000000002";
    public const string JamesCarter = "9f1c2d3e-0004-4000-8000-000000000003";

    private TeamsOffice(FakeChannel channel, SupportBotApplication app)
    {
        Channel = channel;
        App = app;
    }

    public FakeChannel Channel { get; }
    public SupportBotApplication App { get; }

    /// <summary>SupportBot with the application team working from its triage queue (nothing is auto-assigned).</summary>
    public static async Task<TeamsOffice> OpenAsync()
    {
        var channel = await FakeChannel.StartAsync();
        var app = new SupportBotApplication(new Dictionary<string, string?> { ["Roster:Teams:3:Assignment"] = "Queue" });
        _ = app.Server;
        return new TeamsOffice(channel, app);
    }

    /// <summary>An office around an app the caller configured (the reminder tests' own settings).</summary>
    public static TeamsOffice Wrap(FakeChannel channel, SupportBotApplication app) => new(channel, app);

    public TeamsPerson Personal(string aadId, string name, string locale) => new(this, aadId, name, locale, $"a:{aadId}", "personal");

    /// <summary>
    /// Someone in the triage channel: they write in a thread (<c>;messageid=</c>), and read the channel's new posts,
    /// where SupportBot puts each new ticket.
    /// </summary>
    public TeamsPerson InTriageChannel(string aadId, string name, string locale) => InChannel(TriageChannelId, aadId, name, locale);

    /// <summary>Someone in another Teams channel (another team's triage channel, say), read and written as the triage channel is.</summary>
    public TeamsPerson InChannel(string channelId, string aadId, string name, string locale) =>
        new(this, aadId, name, locale, $"{channelId};messageid=1700000000001", "channel", readsConversationId: channelId);

    /// <summary>Waits until everything the last turns set off (card refreshes, notifications) has been sent.</summary>
    public Task DrainAsync() => App.Services.GetRequiredService<TicketBroadcaster>().DrainAsync();

    public Ticket Ticket(string number) => App.Services.GetRequiredService<TicketService>().Find(number) ?? throw new InvalidOperationException($"No ticket {number}.");

    /// <summary>Every call the bot made so far to one conversation's activities (sends, replies, updates).</summary>
    public IReadOnlyList<RecordedCall> CallsTo(string conversationId) =>
        [.. Channel.Calls.Where(call => call.Path.StartsWith($"/v3/conversations/{conversationId}/activities", StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Channel.DisposeAsync();
    }
}

internal sealed class TeamsPerson(TeamsOffice office, string aadId, string name, string locale, string conversationId, string conversationType, string? readsConversationId = null)
{
    private readonly string _reads = readsConversationId ?? conversationId;
    private readonly HttpClient _client = office.App.CreateClient();
    private int _sequence;

    public string AadId => aadId;
    public string ConversationId => conversationId;

    /// <summary>Messages the bot sent into this conversation (replies and proactive), oldest first.</summary>
    public IReadOnlyList<JsonElement> Received => [.. office.CallsTo(_reads).Where(c => c.Method == "POST" && c.IsMessage).Select(c => c.Activity!.Value)];

    /// <summary>Card replacements (updateActivity) in this conversation, as (activity id, card).</summary>
    public IReadOnlyList<(string ActivityId, JsonElement Card)> Updates =>
        [.. office.CallsTo(_reads).Where(c => c.Method == "PUT").Select(c => (c.Path.Split('/')[^1], CardOf(c.Activity!.Value)!.Value))];

    public IReadOnlyList<string> Texts => [.. Received.Select(a => a.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "")];

    /// <summary>The latest card in this conversation: the last one sent or, if later, the last replacement of one.</summary>
    public JsonElement LastCard() => Cards()[^1];

    /// <summary>The latest card here that offers <paramref name="op"/> (a ticket card, a question to answer …).</summary>
    public JsonElement LatestCardWith(string op) =>
        Cards().LastOrDefault(card => TicketCards.Verbs(card).Contains(op)) is { ValueKind: JsonValueKind.Object } card
            ? card
            : throw new InvalidOperationException($"No card here offers '{op}'. Messages: {string.Join(" | ", Texts)}");

    /// <summary>Every card shown here, as sent and as replaced, in order.</summary>
    public IReadOnlyList<JsonElement> Cards() =>
        [.. office.CallsTo(_reads).Where(c => (c.Method == "POST" && c.IsMessage) || c.Method == "PUT").Select(c => CardOf(c.Activity!.Value)).OfType<JsonElement>()];

    /// <summary>The fake Connector's id of the last message with a card here (what a button's invoke names as replyToId).</summary>
    public string LastCardActivityId() =>
        office.CallsTo(_reads).Last(c => c.Method == "POST" && c.IsMessage && CardOf(c.Activity!.Value) is not null).Id;

    /// <summary>Clicks a button of the intake's confirmation card (Action.Submit with <c>intake</c> data).</summary>
    public Task ClickIntakeAsync(string intake, string? field = null)
    {
        var data = TicketCards.Walk(LastCard()).First(n => n.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("intake", out var i) && i.GetString() == intake
            && (field is null || (d.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String && f.GetString() == field))).GetProperty("data");
        return PostAsync(Activity() with { Value = data });
    }

    /// <summary>Writes a message; in a channel it @mentions SupportBot, as Teams requires for the bot to hear it.</summary>
    public Task SayAsync(string text)
    {
        var activity = Activity() with { Text = text };
        return PostAsync(conversationType == "personal" ? activity : activity with
        {
            Text = $"<at>SupportBot</at> {text}",
            Entities = [new Entity { Type = "mention", Mentioned = activity.Recipient, Text = "<at>SupportBot</at>" }],
            ChannelData = JsonSerializer.SerializeToElement(new { channel = new { id = _reads }, tenant = new { id = "tenant-1" } }),
        });
    }

    /// <summary>A message with files attached, as Teams delivers a personal chat's uploads (each with a download address).</summary>
    public Task SayWithFilesAsync(string text, params Attachment[] files) => PostAsync(Activity() with { Text = text, Attachments = [.. files] });

    /// <summary>Installs the app in this chat (Teams sends conversationUpdate), so SupportBot can reach the person later.</summary>
    public Task InstallAsync() => PostAsync(Activity() with
    {
        Type = ActivityTypes.ConversationUpdate,
        MembersAdded = [new ChannelAccount { Id = "28:supportbot" }, new ChannelAccount { Id = $"29:{aadId}", AadObjectId = aadId }],
    });

    /// <summary>Presses a Universal Action button of <paramref name="card"/> (Action.Execute) with the given inputs; returns the card Teams shows this person.</summary>
    public async Task<JsonElement> ExecuteAsync(JsonElement card, string verb, params (string Name, string Value)[] inputs)
    {
        var action = TicketCards.Action(card, verb);
        var data = Merge(action.GetProperty("data"), verb, inputs);
        using var response = await SendAsync(Activity() with
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = action.GetProperty("verb").GetString(), data }, trigger = "manual" }),
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.OK, 200, "application/vnd.microsoft.card.adaptive"), (response.StatusCode, body.GetProperty("statusCode").GetInt32(), body.GetProperty("type").GetString()));
        return body.GetProperty("value");
    }

    /// <summary>Presses an Action.Submit button (Web Chat, older Teams clients): the data and inputs arrive as a message's value.</summary>
    public Task SubmitAsync(JsonElement card, string op, params (string Name, string Value)[] inputs)
    {
        var action = TicketCards.Action(card, op);
        return PostAsync(Activity() with { Value = Merge(action.GetProperty("data"), op, inputs) });
    }

    private static JsonElement Merge(JsonElement data, string op, (string Name, string Value)[] inputs)
    {
        var merged = JsonNode.Parse(data.GetRawText())!.AsObject();
        foreach (var (inputName, value) in inputs)
        {
            merged[CardInputs.Id(op, inputName)] = value;
        }

        return JsonSerializer.SerializeToElement(merged);
    }

    private async Task PostAsync(Activity activity)
    {
        using var response = await SendAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
    }

    private Task<HttpResponseMessage> SendAsync(Activity activity) => _client.PostAsJsonAsync("/api/messages", activity, BotJson.Options);

    private Activity Activity() => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{conversationId}-{aadId}-{++_sequence}-{Guid.NewGuid():N}",
        ChannelId = Channels.MsTeams,
        ServiceUrl = office.Channel.ServiceUrl,
        From = new ChannelAccount { Id = $"29:{aadId}", Name = name, AadObjectId = aadId },
        Recipient = new ChannelAccount { Id = "28:supportbot", Name = "SupportBot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = conversationType, IsGroup = conversationType == "channel" ? true : null, TenantId = "tenant-1" },
        Locale = locale,
    };

    public static JsonElement? CardOf(JsonElement activity) =>
        activity.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array
            ? attachments.EnumerateArray().Where(a => a.GetProperty("contentType").GetString() == Attachment.AdaptiveCardContentType).Select(a => (JsonElement?)a.GetProperty("content")).LastOrDefault()
            : null;
}
