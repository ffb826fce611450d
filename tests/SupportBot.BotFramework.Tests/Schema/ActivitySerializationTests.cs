using System.Text.Json;
using System.Text.Json.Nodes;
using SupportBot.BotFramework.Schema;

namespace SupportBot.BotFramework.Tests.Schema;

public sealed class ActivitySerializationTests
{
    private const string TeamsMessage = """
        {
          "type": "message", "id": "1700000000001", "timestamp": "2026-11-23T01:30:00.123Z",
          "localTimestamp": "2026-11-23T09:30:00.123+08:00",
          "serviceUrl": "https://smba.trafficmanager.net/amer/", "channelId": "msteams",
          "from": { "id": "29:1abc", "name": "张伟", "aadObjectId": "aad-1", "futureField": 7 },
          "conversation": { "id": "a:1xyz", "conversationType": "personal", "tenantId": "tenant-1" },
          "recipient": { "id": "28:app-id", "name": "SupportBot" },
          "text": "系统不好用", "locale": "zh-CN", "textFormat": "plain",
          "entities": [ { "type": "clientInfo", "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai" } ],
          "channelData": { "tenant": { "id": "tenant-1" }, "source": { "name": "message" } },
          "attachments": [ { "contentType": "image/png", "contentUrl": "https://x/1.png", "name": "screen.png" } ],
          "someNewProperty": { "nested": [1, 2, 3] }
        }
        """;

    [Fact]
    public void Deserialize_ThenSerialize_KeepsEveryPropertyIncludingUnknownOnes()
    {
        var activity = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var written = JsonSerializer.Serialize(activity, BotJson.Options);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TeamsMessage), JsonNode.Parse(written)), written);
        Assert.Equal("clientInfo", activity.Entities![0].Type);
        Assert.Equal("aad-1", activity.From!.AadObjectId);
    }

    [Fact]
    public void Deserialize_MinimalActivity_ToleratesEverythingMissing()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""{"type":"typing"}""", BotJson.Options)!;

        Assert.True(activity.IsType(ActivityTypes.Typing));
        Assert.Null(activity.From);
        Assert.Equal("""{"type":"typing"}""", JsonSerializer.Serialize(activity, BotJson.Options));
    }

    [Fact]
    public void CreateReply_ToATeamsMessage_SwapsSenderAndRecipientAndRepliesToIt()
    {
        var inbound = JsonSerializer.Deserialize<Activity>(TeamsMessage, BotJson.Options)!;

        var reply = inbound.CreateReply("收到");

        Assert.Equal(("28:app-id", "29:1abc"), (reply.From!.Id, reply.Recipient!.Id));
        Assert.Equal(("1700000000001", "a:1xyz", "zh-CN"), (reply.ReplyToId, reply.Conversation!.Id, reply.Locale));
        Assert.Null(reply.Id);
        Assert.Null(reply.Timestamp);
    }

    [Theory]
    [InlineData(Channels.WebChat, null)]
    [InlineData(Channels.DirectLine, null)]
    [InlineData(Channels.MsTeams, "42")]
    public void CreateReply_ToAConversationUpdate_RepliesToItOnlyWhereTheChannelHasSuchAMessage(string channel, string? replyToId)
    {
        var update = new Activity { Type = ActivityTypes.ConversationUpdate, Id = "42", ChannelId = channel };

        Assert.Equal(replyToId, update.CreateReply().ReplyToId);
        Assert.Equal(replyToId, update.GetConversationReference().ActivityId);
    }
}
