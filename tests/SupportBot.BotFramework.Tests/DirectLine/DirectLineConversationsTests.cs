using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;

namespace SupportBot.BotFramework.Tests.DirectLine;

/// <summary>The transcript when the bot changes what it sent: same id, same place, same time; nothing else moves.</summary>
public sealed class DirectLineConversationsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero));
    private readonly MemoryStorage _storage = new();
    private readonly DirectLineConversations _conversations;

    private readonly StorageTranscripts _transcripts;

    public DirectLineConversationsTests()
    {
        _transcripts = new StorageTranscripts(_storage);
        _conversations = new DirectLineConversations(_transcripts, _time, Options.Create(new DirectLineOptions()));
    }

    public void Dispose() => _transcripts.Dispose();

    [Fact]
    public async Task ReplaceAsync_AnUpdatedCard_KeepsItsIdPositionAndTimestampAndSurvivesReloading()
    {
        var conversation = await _conversations.CreateAsync("c1", "dl_ann", "Ann", CancellationToken.None);
        var card = await _conversations.AppendAsync(conversation, new Activity { Type = ActivityTypes.Message, Text = "Taken by nobody" }, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(3));
        await _conversations.AppendAsync(conversation, new Activity { Type = ActivityTypes.Message, Text = "later" }, CancellationToken.None);

        var replaced = await _conversations.ReplaceAsync(conversation, card with { Text = "Taken by Li Wei" }, CancellationToken.None);
        using var restarted = new StorageTranscripts(_storage);
        var reloaded = new DirectLineConversations(restarted, _time, Options.Create(new DirectLineOptions()));
        var again = (await reloaded.FindAsync("c1", CancellationToken.None))!;

        Assert.True(replaced);
        foreach (var transcript in new[] { (await _conversations.ReadAsync(conversation, 0, CancellationToken.None)).Activities, (await reloaded.ReadAsync(again, 0, CancellationToken.None)).Activities })
        {
            Assert.Equal(["Taken by Li Wei", "later"], transcript.Select(a => a.Text));
            Assert.Equal((card.Id, card.Timestamp), (transcript[0].Id, transcript[0].Timestamp));
        }
    }

    [Theory]
    [InlineData("c1|0000009")]
    [InlineData("other|0000001")]
    [InlineData("c1|first")]
    [InlineData(null)]
    public async Task ReplaceAsync_AnIdNotInTheTranscript_ChangesNothing(string? id)
    {
        var conversation = await _conversations.CreateAsync("c1", "dl_ann", "Ann", CancellationToken.None);
        await _conversations.AppendAsync(conversation, new Activity { Type = ActivityTypes.Message, Text = "kept" }, CancellationToken.None);

        var replaced = await _conversations.ReplaceAsync(conversation, new Activity { Type = ActivityTypes.Message, Id = id, Text = "changed" }, CancellationToken.None);

        Assert.False(replaced);
        Assert.Equal("kept", Assert.Single((await _conversations.ReadAsync(conversation, 0, CancellationToken.None)).Activities).Text);
    }
}
