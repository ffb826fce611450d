using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// A reporter talking to SupportBot over real HTTP (<c>POST /api/messages</c>, expectReplies): each call is one
/// turn, and the bot's replies come back in the response. Teams employees and web customers differ only in
/// channel and identity.
/// </summary>
internal sealed class ScriptedReporter(SupportBotApplication app, string userId, string name, string channelId, string locale, string? conversationId = null, string? timeZone = null, string conversationType = "personal")
{
    private readonly HttpClient _client = app.CreateClient();
    private readonly string _conversationId = conversationId ?? $"conv-{userId}";
    private int _sequence;

    // Channels never reuse an activity id in a conversation, and SupportBot remembers them across restarts: a reporter
    // made again after a restart must not start its ids from 1.
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];

    public static ScriptedReporter Employee(SupportBotApplication app, string locale = "zh-CN", string aadId = "aad-zhang-wei", string name = "张伟") =>
        new(app, aadId, name, Channels.MsTeams, locale);

    /// <summary>
    /// The rest of 张伟's printer report (「打印机卡纸了」, no error code, 「刚才」) from the category question on, then
    /// Submit: what the restart and fault tests file once the report has come through whatever they did to it.
    /// </summary>
    public async Task FinishPrinterReportAndSubmitAsync()
    {
        foreach (var answer in new[] { "否", "只有我", "A10023", "财务部", "8021" })
        {
            await SayAsync(answer);
        }

        await ClickAsync(CardAction("submit"));
    }

    public static ScriptedReporter Customer(SupportBotApplication app, string locale = "en-US", string userId = "dl-customer-1", string name = "Web visitor") =>
        new(app, userId, name, Channels.WebChat, locale);

    /// <summary>An employee writing in a Teams channel (conversation type "channel"), as everyone there reads it.</summary>
    public static ScriptedReporter InTeamsChannel(SupportBotApplication app, string locale = "en-US", string aadId = "aad-zhang-wei", string name = "张伟") =>
        new(app, aadId, name, Channels.MsTeams, locale, conversationId: "19:triage@thread.tacv2;messageid=1700000000001", conversationType: "channel");

    public string UserId => userId;

    /// <summary>Every reply of the last turn.</summary>
    public IReadOnlyList<Activity> Replies { get; private set; } = [];

    /// <summary>The texts of the last turn's replies.</summary>
    public IReadOnlyList<string> Texts => [.. Replies.Select(reply => reply.Text ?? "")];

    /// <summary>The last reply's text: usually the question now being asked.</summary>
    public string Last => Replies.Count == 0 ? "" : Replies[^1].Text ?? "";

    public Task<ScriptedReporter> SayAsync(string? text, IReadOnlyList<Attachment>? attachments = null) =>
        SendAsync(Activity(text) with { Attachments = attachments });

    /// <summary>
    /// Says <paramref name="text"/> and hangs up when <paramref name="hangUp"/> is cancelled, as a channel's client that
    /// gives up on a slow turn: whatever the bot answers is never read.
    /// </summary>
    public async Task SayAndHangUpAsync(string? text, CancellationToken hangUp)
    {
        try
        {
            using var response = await _client.PostAsJsonAsync("/api/messages", Activity(text), BotJson.Options, hangUp);
        }
        catch (OperationCanceledException) when (hangUp.IsCancellationRequested)
        {
            // Hung up, as asked.
        }
    }

    /// <summary>Sends a message activity shaped by <paramref name="change"/> (a mention, a conversationUpdate …).</summary>
    public Task<ScriptedReporter> SendAsync(Func<Activity, Activity> change) => SendAsync(change(Activity(null)));

    /// <summary>Clicks an Action.Submit on the last card that has this title (e.g. "Submit", "提交", or an Edit next to a label).</summary>
    public Task<ScriptedReporter> ClickAsync(JsonElement data) => SendAsync(Activity(null) with { Value = data });

    public JsonElement CardAction(string intake, string? field = null) => CardActions().Single(data =>
        data.GetProperty("intake").GetString() == intake && (field is null || data.GetProperty("field").GetString() == field));

    /// <summary>The data of every Action.Submit on the last card of the last turn.</summary>
    public IReadOnlyList<JsonElement> CardActions()
    {
        var card = LastCard() ?? throw new InvalidOperationException($"The last turn had no card: {string.Join(" | ", Texts)}");
        return SubmitActions(card);
    }

    /// <summary>The data of every Action.Submit on a card, whichever channel it came through.</summary>
    public static IReadOnlyList<JsonElement> SubmitActions(JsonElement card) =>
        [.. Walk(card).Where(node => node.TryGetProperty("type", out var type) && type.GetString() == "Action.Submit").Select(node => node.GetProperty("data"))];

    /// <summary>Every TextBlock text on the last card.</summary>
    public IReadOnlyList<string> CardTexts() =>
        [.. Walk(LastCard() ?? throw new InvalidOperationException("No card.")).Where(node => node.TryGetProperty("type", out var type) && type.GetString() == "TextBlock").Select(node => node.GetProperty("text").GetString() ?? "")];

    public JsonElement? LastCard() =>
        Replies.SelectMany(reply => reply.Attachments ?? []).LastOrDefault(a => a.ContentType == Attachment.AdaptiveCardContentType)?.Content;

    public IReadOnlyList<string> QuickReplies() =>
        [.. Replies.LastOrDefault(reply => reply.SuggestedActions is not null)?.SuggestedActions?.Actions?.Select(action => action.Title ?? "") ?? []];

    private async Task<ScriptedReporter> SendAsync(Activity activity)
    {
        using var response = await _client.PostAsJsonAsync("/api/messages", activity, BotJson.Options);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"/api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var replies = await response.Content.ReadFromJsonAsync<ExpectedReplies>(BotJson.Options);
        Replies = [.. replies?.Activities?.Where(reply => reply.Type == ActivityTypes.Message) ?? []];
        return this;
    }

    private Activity Activity(string? text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{_conversationId}-{_instance}-{++_sequence}",
        ChannelId = channelId,
        ServiceUrl = "http://127.0.0.1:9/",
        DeliveryMode = DeliveryModes.ExpectReplies,
        From = channelId == Channels.MsTeams
            ? new ChannelAccount { Id = $"29:{userId}", Name = name, AadObjectId = userId }
            : new ChannelAccount { Id = userId, Name = name },
        Recipient = new ChannelAccount { Id = "28:supportbot", Name = "SupportBot" },
        Conversation = new ConversationAccount { Id = _conversationId, ConversationType = conversationType },
        Text = text,
        Locale = locale,
        LocalTimezone = timeZone,
    };

    private static IEnumerable<JsonElement> Walk(JsonElement node)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            yield return node;
            foreach (var property in node.EnumerateObject())
            {
                foreach (var child in Walk(property.Value))
                {
                    yield return child;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in node.EnumerateArray().SelectMany(Walk))
            {
                yield return child;
            }
        }
    }
}
