using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SupportBot.Review;

/// <summary>What a review link opens: one audience's week, until it expires.</summary>
internal sealed record ReviewLink(string? Team, string Week, DateTimeOffset ExpiresAt);

/// <summary>Why a link opens nothing.</summary>
internal enum LinkRefusal
{
    None,
    Altered,
    Expired,
}

/// <summary>
/// Signed, expiring links to the review page, so a lead opens it from Teams without another login: the link carries
/// the team, the week and the expiry, and an HMAC-SHA256 over them with a key from <c>Review:SigningKey</c> or, without
/// one, generated once and kept in the database. The key never leaves the server and is never logged.
/// </summary>
internal sealed class ReviewLinks(IReviewLedger ledger, IOptions<ReviewOptions> options, IConfiguration configuration, TimeProvider time)
{
    public const string Path = "/review/weekly";
    private const char Separator = '~';
    private byte[]? _key;

    /// <summary>The absolute address of the page for <paramref name="team"/>'s <paramref name="week"/>, valid for <c>Review:LinkLifetime</c>.</summary>
    public async Task<Uri> ForAsync(string? team, string week, string locale)
    {
        var expires = time.GetUtcNow() + options.Value.LinkSpan;
        var payload = string.Join(Separator, team ?? "*", week, expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var token = $"{Encode(Encoding.UTF8.GetBytes(payload))}.{Encode(await SignAsync(payload))}";
        return new Uri($"{BaseUrl().TrimEnd('/')}{Path}?t={token}&lang={Uri.EscapeDataString(locale)}");
    }

    /// <summary>Reads a presented token: the link, or why it opens nothing (altered, expired). Constant-time signature check.</summary>
    public async Task<(ReviewLink? Link, LinkRefusal Refusal)> ReadAsync(string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 2 || Decode(parts[0]) is not { } payloadBytes || Decode(parts[1]) is not { } signature)
        {
            return (null, LinkRefusal.Altered);
        }

        string payload;
        try
        {
            payload = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payloadBytes);
        }
        catch (DecoderFallbackException)
        {
            return (null, LinkRefusal.Altered);
        }

        var expected = await SignAsync(payload);
        if (!CryptographicOperations.FixedTimeEquals(signature, expected))
        {
            return (null, LinkRefusal.Altered);
        }

        var fields = payload.Split(Separator);
        if (fields.Length != 3 || !long.TryParse(fields[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return (null, LinkRefusal.Altered);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return expires <= time.GetUtcNow()
            ? (null, LinkRefusal.Expired)
            : (new ReviewLink(fields[0] == "*" ? null : fields[0], fields[1], expires), LinkRefusal.None);
    }

    private async Task<byte[]> SignAsync(string payload)
    {
        _key ??= options.Value.SigningKey is { Length: > 0 } configured ? Convert.FromBase64String(configured) : await ledger.SigningKeyAsync();
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
    }

    /// <summary><c>Review:PublicUrl</c>, else https and <c>Teams:Domain</c>, else the first address SupportBot listens on.</summary>
    private string BaseUrl() =>
        options.Value.PublicUrl is { Length: > 0 } url ? url
        : configuration["Teams:Domain"] is { Length: > 0 } domain ? $"https://{domain}"
        : (configuration["Urls"] ?? "http://localhost:3978").Split(';')[0].Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);

    private static string Encode(byte[] bytes) => WebEncoders.Base64UrlEncode(bytes);

    private static byte[]? Decode(string text)
    {
        try
        {
            return text.Length is > 0 and < 512 ? WebEncoders.Base64UrlDecode(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
