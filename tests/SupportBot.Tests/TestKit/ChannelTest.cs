using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Tests.TestKit;

/// <summary>
/// Base for tests that talk to /api/messages like a channel: a test token issuer, a fake channel on loopback
/// recording what the bot sends, and helpers to build and post activities.
/// </summary>
public abstract class ChannelTest : IAsyncLifetime, IDisposable
{
    internal TestChannelIssuer Issuer { get; } = new();
    internal FakeChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync() => Channel = await FakeChannel.StartAsync();

    public async Task DisposeAsync() => await Channel.DisposeAsync();

    public void Dispose()
    {
        Issuer.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>SupportBot with channel authentication on, trusting the test issuer.</summary>
    internal SupportBotApplication AuthenticatedApp(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = TestChannelIssuer.Settings;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new(all, services => services.UseTestIssuer(Issuer));
    }

    /// <summary>A Teams personal-chat message to the bot from the fake channel.</summary>
    internal Activity Message(string? text, string conversationId = "a:1xyz;messageid=9") => new()
    {
        Type = ActivityTypes.Message,
        Id = "act-1",
        ChannelId = Channels.MsTeams,
        ServiceUrl = Channel.ServiceUrl,
        From = new ChannelAccount { Id = "29:user", Name = "Zhang Wei", AadObjectId = "aad-reporter-1" },
        Recipient = new ChannelAccount { Id = $"28:{TestChannelIssuer.AppId}", Name = "SupportBot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = "tenant-1" },
        Text = text,
        Locale = "en-US",
    };

    internal static async Task<HttpResponseMessage> PostAsync(SupportBotApplication app, Activity activity, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = JsonContent.Create(activity, options: BotJson.Options) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await app.CreateClient().SendAsync(request);
    }
}
