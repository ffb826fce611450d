using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.DirectLine;
using SupportBot.Common;
using SupportBot.WebChat;

namespace SupportBot.Tests.WebChat;

/// <summary>A bad web chat or Direct Line value stops the app with a message naming the key.</summary>
public sealed class WebChatConfigurationTests
{
    [Theory]
    [InlineData("WebChat:AccentColor", "blue")]
    [InlineData("WebChat:DefaultLocale", "fr-FR")]
    [InlineData("WebChat:BotAvatarInitials", "SUPPORT")]
    [InlineData("DirectLine:SigningKey", "c2hvcnQ=")]
    [InlineData("DirectLine:AllowedOrigins:0", "www.contoso.com/chat")]
    [InlineData("DirectLine:TokenLifetime", "00:00:30")]
    public void A_bad_value_is_reported_under_its_key(string key, string value)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(SampleConfiguration.Load(new Dictionary<string, string?> { [key] = value }));
        services.AddWebChat();
        using var provider = services.BuildServiceProvider();

        var failure = Record.Exception(() =>
        {
            _ = provider.GetRequiredService<IOptions<WebChatOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<DirectLineOptions>>().Value;
        });

        var message = Assert.Single(ConfigurationFailures.From(Assert.IsAssignableFrom<Exception>(failure)) ?? []);
        Assert.StartsWith(key.Split(':')[0] + ":" + key.Split(':')[1], message, StringComparison.Ordinal);
    }
}
