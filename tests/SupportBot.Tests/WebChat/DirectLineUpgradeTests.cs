using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportBot.BotFramework.DirectLine;
using SupportBot.BotFramework.Schema;
using SupportBot.Storage.Postgres;

namespace SupportBot.Tests.WebChat;

/// <summary>
/// Upgrading a PostgreSQL database whose Direct Line transcripts were kept as bot state (before migration 0015). Must
/// hold: after the upgrade the app serves a conversation's activities from before it, in order and with their
/// watermark, and the conversation carries on from there.
/// </summary>
public sealed class DirectLineUpgradeTests
{
    private const string ConversationId = "conv-before-0015";
    private const string UserId = "dl_visitor-before";

    private readonly string _connectionString = PgTestCluster.Instance.CreateDatabase();

    [Fact]
    public async Task A_transcript_written_before_migration_0015_is_served_after_the_upgrade_and_the_conversation_goes_on()
    {
        // The database as the release before 0015 left it, the transcript written by what kept it then: the
        // engine-neutral transcripts over the PostgreSQL bot state.
        var before = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        await using (var source = NpgsqlDataSource.Create(_connectionString))
        {
            await PgSchema.MigrateThroughAsync(source, through: 14);
            using var commits = new PgCommitQueue(source);
            using var transcripts = new StorageTranscripts(new PgBotStorage(source, commits));
            Assert.True(await transcripts.CreateAsync(new ConversationHeader(ConversationId, UserId, "Ann Lee", 0, before, before), CancellationToken.None));
            foreach (var text in new[] { "my printer jams", "Which printer is it?", "the one on floor 3" })
            {
                await transcripts.AppendAsync(ConversationId, number => new Activity
                {
                    Type = ActivityTypes.Message,
                    Id = $"{ConversationId}|{number:D7}",
                    Text = text,
                }, before, CancellationToken.None);
            }
        }

        // The new release starts on it (migrating the rest) and the visitor's widget comes back with the conversation id.
        await using var app = new SupportBotApplication(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:SupportBot"] = _connectionString,
        });
        var token = app.Services.GetRequiredService<DirectLineTokens>().Issue(UserId, "Ann Lee", ConversationId);
        var visitor = WebChatVisitor.Holding(app, token, ConversationId);

        var kept = await visitor.PollAsync("0");
        Assert.Equal(["my printer jams", "Which printer is it?", "the one on floor 3"], kept.Select(activity => activity.Text));
        Assert.Equal("3", visitor.Watermark);

        // New activities are numbered after the old ones: nothing before the upgrade is sent again.
        var (said, _) = await visitor.SayAsync("hello again");
        Assert.True(said.IsSuccessStatusCode, await said.Content.ReadAsStringAsync());
        var next = await visitor.PollAsync();
        Assert.Contains(next, activity => activity.Text == "hello again");
        Assert.DoesNotContain(next, activity => kept.Any(old => old.Text == activity.Text));
        Assert.True(int.Parse(visitor.Watermark!, System.Globalization.CultureInfo.InvariantCulture) > 3);
    }
}
