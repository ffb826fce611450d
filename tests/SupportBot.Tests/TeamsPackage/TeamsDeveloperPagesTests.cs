using System.Net;
using System.Text.Json.Nodes;

namespace SupportBot.Tests.TeamsPackage;

/// <summary>The Teams app's developer links (website, privacy, terms) open pages SupportBot itself serves.</summary>
public sealed class TeamsDeveloperPagesTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("websiteUrl")]
    [InlineData("privacyUrl")]
    [InlineData("termsOfUseUrl")]
    public async Task Each_developer_link_opens_a_page_of_this_server(string link)
    {
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TeamsManifest.ShippedFolder, "manifest.json")))!;
        var url = (string)manifest["developer"]![link]!;
        Assert.StartsWith("https://${{BOT_DOMAIN}}/", url, StringComparison.Ordinal);

        var response = await _app.CreateClient().GetAsync(new Uri(url["https://${{BOT_DOMAIN}}".Length..], UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
