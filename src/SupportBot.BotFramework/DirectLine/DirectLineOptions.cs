namespace SupportBot.BotFramework.DirectLine;

/// <summary>
/// Configuration section <c>DirectLine</c>: the Direct Line 3.0 server that the Web Chat widget talks to.
/// Every limit here answers an abuse case: a visitor's page is public, so anyone can reach these endpoints.
/// </summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret: a site's own back end sends it to exchange for a token. It never goes to a browser.
    /// Empty means only the built-in page (same origin) can obtain tokens.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs tokens. Empty: a key is generated and kept in
    /// <see cref="SigningKeyFile"/>, so tokens outlive a restart; without a file too, a key per process.
    /// </summary>
    public string? SigningKey { get; set; }

    public string? SigningKeyFile { get; set; }

    /// <summary>Browser origins other than the server's own that may call the endpoints (CORS), e.g. <c>https://www.contoso.com</c>.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A posted activity larger than this is refused with 413.</summary>
    public int MaxActivityBytes { get; set; } = 64 * 1024;

    public int MessagesPerMinutePerConversation { get; set; } = 30;

    public int ConversationsPerMinutePerClient { get; set; } = 10;

    /// <summary>A conversation nobody has posted to or read for this long is ended and its transcript and files deleted.</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often idle conversations are looked for.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An empty WebSocket frame this often keeps proxies from closing a quiet stream.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Total size of one upload (all files of one message): room for a short screen recording.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Content types a visitor may upload, as the browser declares them; served as declared.</summary>
    public List<string> AllowedUploadTypes { get; set; } =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "text/csv"];

    /// <summary>
    /// File name endings a visitor may upload whatever type the browser declares (browsers disagree about <c>.log</c>
    /// and <c>.zip</c>: empty, <c>text/x-log</c>, <c>application/x-zip-compressed</c> …), each served as the type
    /// given here. A file matching neither list is refused with 415 and the visitor is told why in their language.
    /// </summary>
    public Dictionary<string, string> AllowedUploadExtensions { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [".log"] = "text/plain",
        [".zip"] = "application/zip",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
    };

    /// <summary>The type an upload is kept and served as, or null when it may not be uploaded.</summary>
    public string? UploadTypeOf(string fileName, string declaredType)
    {
        if (AllowedUploadTypes.Contains(declaredType, StringComparer.OrdinalIgnoreCase))
        {
            return declaredType;
        }

        return AllowedUploadExtensions.TryGetValue(Path.GetExtension(fileName), out var type) ? type : null;
    }

    /// <summary>Where uploaded files are kept, one folder per conversation.</summary>
    public string UploadDirectory { get; set; } = "data/uploads";

    /// <summary>The id and name the bot has in Direct Line conversations.</summary>
    public string BotId { get; set; } = "supportbot";

    public string BotName { get; set; } = "SupportBot";

    /// <summary>The messages that stop the app at start-up when a value cannot work.</summary>
    public IEnumerable<string> Validate()
    {
        if (SigningKey is { Length: > 0 } key && !(Convert.TryFromBase64String(key, new byte[key.Length], out var length) && length >= 32))
        {
            yield return $"{SectionName}:SigningKey must be base64 of at least 32 bytes.";
        }

        for (var i = 0; i < AllowedOrigins.Count; i++)
        {
            if (!Uri.TryCreate(AllowedOrigins[i], UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{SectionName}:AllowedOrigins:{i} '{AllowedOrigins[i]}' must be an origin such as https://www.contoso.com.";
            }
        }

        if (TokenLifetime < TimeSpan.FromMinutes(2))
        {
            yield return $"{SectionName}:TokenLifetime must be at least 2 minutes.";
        }

        if (MaxActivityBytes < 1024 || MaxUploadBytes < 1024)
        {
            yield return $"{SectionName}:MaxActivityBytes and MaxUploadBytes must be at least 1024.";
        }

        foreach (var (ending, type) in AllowedUploadExtensions)
        {
            if (ending.Length < 2 || ending[0] != '.' || ending.IndexOfAny(['/', '\\']) >= 0 || type.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                yield return $"{SectionName}:AllowedUploadExtensions:{ending} must map an ending like .log to a media type like text/plain.";
            }
        }

        if (MessagesPerMinutePerConversation < 1 || ConversationsPerMinutePerClient < 1)
        {
            yield return $"{SectionName}: the per-minute limits must be at least 1.";
        }
    }
}
