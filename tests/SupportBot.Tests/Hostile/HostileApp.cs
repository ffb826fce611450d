namespace SupportBot.Tests.Hostile;

/// <summary>
/// One SupportBot for a whole table of hostile cases, with the per-client and per-conversation limits raised:
/// the cases test what the endpoints do with the input, not the limits (which <see cref="RateLimitTests"/> covers).
/// </summary>
public sealed class HostileApp : IAsyncLifetime
{
    internal SupportBotApplication App { get; } = new(new Dictionary<string, string?>
    {
        ["RateLimits:AnalyzePerMinutePerClient"] = "1000000",
        ["DirectLine:MessagesPerMinutePerConversation"] = "1000000",
        ["DirectLine:ConversationsPerMinutePerClient"] = "1000000",
    });

    /// <summary>Where replies of normally delivered activities go, and everything sent to other people.</summary>
    internal FakeChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Channel.DisposeAsync();
    }

    /// <summary>The process is up and answering: what every case checks after its request.</summary>
    internal async Task AssertAliveAsync()
    {
        using var health = await App.CreateClient().GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }
}
