using System.Net;
using System.Text.Json;

namespace SupportBot.Tests.WebChat;

/// <summary>The customer page: served by SupportBot itself, widget included, branded from configuration, no secret in sight.</summary>
public sealed class WebChatPageTests : IAsyncLifetime
{
    private const string Secret = "page-test-secret-5c1d";

    private readonly SupportBotApplication _app = new(new Dictionary<string, string?>
    {
        ["DirectLine:Secret"] = Secret,
        ["WebChat:Titles:en-US"] = "Contoso help desk",
        ["WebChat:AccentColor"] = "#0F6CBD",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_page_loads_the_widget_from_this_server_never_a_CDN()
    {
        var client = _app.CreateClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();
        var bundle = await client.GetAsync(new Uri("/lib/botframework-webchat/webchat.js", UriKind.Relative));

        Assert.Contains("<script src=\"/lib/botframework-webchat/webchat.js\"></script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000, "the full bundle (with Adaptive Cards), not the minimal one");
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_configuration_carries_the_branding_and_nothing_secret()
    {
        var response = await _app.CreateClient().GetAsync(new Uri("/api/webchat/config", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var config = JsonDocument.Parse(text).RootElement;

        Assert.Equal("Contoso help desk", config.GetProperty("titles").GetProperty("en-US").GetString());
        Assert.Equal("#0F6CBD", config.GetProperty("accentColor").GetString());
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_is_another_address_for_the_page()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        var page = await client.GetStringAsync(new Uri("/chat", UriKind.Relative));

        Assert.Contains("id=\"webchat\"", page, StringComparison.Ordinal);
    }
}
