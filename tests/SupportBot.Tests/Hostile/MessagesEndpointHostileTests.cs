using System.Net;

namespace SupportBot.Tests.Hostile;

/// <summary>
/// <c>POST /api/messages</c> (channel authentication off, as in development) with hostile text in every user field,
/// wrong types and nulls in every field, and bodies that are not activities: never a server error, the process stays
/// up, and the conversation still answers its next message.
/// </summary>
public sealed class MessagesEndpointHostileTests(HostileApp host) : IClassFixture<HostileApp>
{
    private static readonly string[] UserFields =
        ["text", "from.name", "from.id", "conversation.id", "conversation.name", "locale", "localTimezone", "id", "replyToId", "textFormat", "attachments.0.name", "attachments.0.contentUrl"];

    private static readonly string[] EveryField =
        ["type", "id", "text", "locale", "localTimezone", "timestamp", "channelId", "serviceUrl", "from", "from.id", "from.aadObjectId", "recipient", "conversation",
         "conversation.id", "value", "channelData", "attachments", "entities", "membersAdded", "suggestedActions", "deliveryMode", "name", "replyToId", "textFormat"];

    private static readonly string[] WrongValues = ["null", "5", "-1e308", "true", "[]", "{}", "\"\"", "[null,{},[]]", "{\"a\":" + HostileInputs.Nested(40) + "}"];

    public static TheoryData<string, string> HostileTextInUserFields() => HostileInputs.Cross(UserFields, HostileInputs.Sample);

    [Theory]
    [MemberData(nameof(HostileTextInUserFields))]
    public async Task HostileTextInAUserField_IsAnsweredNeverAServerError(string field, string input)
    {
        var conversation = $"hostile-{Guid.NewGuid():N}";
        var json = HostileActivities.With(HostileActivities.Message(conversation, host.Channel.ServiceUrl), field, HostileInputs.JsonString(HostileInputs.Texts[input]));

        var (response, replies) = await HostileActivities.PostAsync(host.App.CreateClient(), json);

        // JSON cannot carry a lone surrogate: System.Text.Json refuses the body. Everything else is a turn.
        var expected = input.StartsWith("lone", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : HttpStatusCode.OK;
        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain(HostileActivities.Apology, HostileActivities.TextsOf(replies), StringComparison.Ordinal);
        await AssertConversationAnswersAsync(conversation);
    }

    public static TheoryData<string, string> WrongTypesInEveryField() => HostileInputs.Cross(EveryField, WrongValues);

    [Theory]
    [MemberData(nameof(WrongTypesInEveryField))]
    public async Task AWrongTypeOrNullInAnyField_IsRefusedOrIgnoredNeverAServerError(string field, string value)
    {
        var conversation = $"hostile-{Guid.NewGuid():N}";
        var json = HostileActivities.With(HostileActivities.Message(conversation, host.Channel.ServiceUrl), field, value);

        var (response, replies) = await HostileActivities.PostAsync(host.App.CreateClient(), json);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotImplemented, $"{field} = {value}: {(int)response.StatusCode}");
        Assert.DoesNotContain(HostileActivities.Apology, HostileActivities.TextsOf(replies), StringComparison.Ordinal);
        await AssertConversationAnswersAsync(conversation);
    }

    public static TheoryData<string> NotActivities() =>
    [
        "", "{", "[]", "null", "42", "\"message\"", "{\"type\":}", "{\"type\":\"message\"", "{'type':'message'}", "{\"type\":\"message\",}",
        "{\"type\":null}", "{\"type\":\"\"}", "{\"type\":5}", "{\"text\":\"no type\"}", "{\"type\":\"message\",\"text\":\"\\ud800\"}",
        "{\"type\":\"message\",\"value\":" + HostileInputs.Nested(62) + "}", "{\"type\":\"message\",\"value\":" + HostileInputs.Nested(10_000) + "}",
        "{\"type\":\"message\",\"channelData\":" + HostileInputs.Nested(33) + "}",
    ];

    [Theory]
    [MemberData(nameof(NotActivities))]
    public async Task ABodyThatIsNotAnActivity_Is400(string body)
    {
        var (response, _) = await HostileActivities.PostAsync(host.App.CreateClient(), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task AnActivityOverTheSizeLimit_Is413()
    {
        var json = HostileActivities.With(HostileActivities.Message("hostile-size", host.Channel.ServiceUrl), "text", HostileInputs.JsonString(new string('A', 300 * 1024)));

        var (response, _) = await HostileActivities.PostAsync(host.App.CreateClient(), json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>The conversation is alive: an ordinary message gets the bot's answer.</summary>
    private async Task AssertConversationAnswersAsync(string conversation)
    {
        var (response, replies) = await HostileActivities.PostAsync(host.App.CreateClient(), HostileActivities.Message(conversation, host.Channel.ServiceUrl).ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(replies);
        Assert.DoesNotContain(HostileActivities.Apology, HostileActivities.TextsOf(replies), StringComparison.Ordinal);
    }
}
