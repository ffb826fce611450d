using System.Text.RegularExpressions;
using SupportBot.Common;

namespace SupportBot.WebChat;

/// <summary>Configuration section <c>WebChat</c>: how the built-in chat page looks. Secrets and limits are under <c>DirectLine</c>.</summary>
internal sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>The page title per locale (<c>en-US</c>, <c>zh-CN</c>); the first is the fallback.</summary>
    public Dictionary<string, string> Titles { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en-US"] = "IT support",
        ["zh-CN"] = "IT 技术支持",
    };

    /// <summary>Buttons, links and the page header, as <c>#rrggbb</c>.</summary>
    public string AccentColor { get; set; } = "#4464EE";

    public string BotAvatarInitials { get; set; } = "IT";

    public string UserAvatarInitials { get; set; } = "ME";

    /// <summary>The language the page starts in when the visitor's link does not say: <c>en-US</c> or <c>zh-CN</c>.</summary>
    public string DefaultLocale { get; set; } = "en-US";
}

internal sealed partial class WebChatOptionsValidator : OptionsValidator<WebChatOptions>
{
    public static readonly string[] Locales = ["en-US", "zh-CN"];

    protected override void Validate(WebChatOptions options, List<string> errors)
    {
        if (!Colour().IsMatch(options.AccentColor))
        {
            errors.Add($"{WebChatOptions.SectionName}:AccentColor '{options.AccentColor}' must look like #4464EE.");
        }

        if (!Locales.Contains(options.DefaultLocale, StringComparer.Ordinal))
        {
            errors.Add($"{WebChatOptions.SectionName}:DefaultLocale '{options.DefaultLocale}' must be en-US or zh-CN.");
        }

        if (options.BotAvatarInitials.Length is 0 or > 4 || options.UserAvatarInitials.Length is 0 or > 4)
        {
            errors.Add($"{WebChatOptions.SectionName}:BotAvatarInitials and UserAvatarInitials must be 1 to 4 characters.");
        }

        if (options.Titles.Count == 0 || options.Titles.Values.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{WebChatOptions.SectionName}:Titles needs at least one non-empty title.");
        }
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
