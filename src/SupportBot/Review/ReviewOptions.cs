using System.Globalization;
using SupportBot.Common;
using SupportBot.Tickets.Deadlines;

namespace SupportBot.Review;

/// <summary>
/// Configuration section <c>Review</c>: when the weekly review goes out (in each team's own time zone,
/// <c>Roster:Teams:N:TimeZone</c>, else <c>Tickets:TimeZone</c>) and how its page link is signed and how long it lives.
/// </summary>
internal sealed class ReviewOptions
{
    public const string SectionName = "Review";

    /// <summary>Off: no review cards are sent (the page and the API still answer).</summary>
    public bool Enabled { get; set; } = true;

    public DayOfWeek Day { get; set; } = DayOfWeek.Monday;

    /// <summary>Local time of day in the team's calendar, <c>HH:mm</c>.</summary>
    public string Time { get; set; } = "09:00";

    /// <summary>How long a card's link to the review page opens it; written like the SLA's spans (<c>14d</c>).</summary>
    public string LinkLifetime { get; set; } = "14d";

    /// <summary>
    /// Base64 key (≥ 32 bytes) that signs the page links. Empty: one is generated at the first start and kept in the
    /// database, so links outlive a restart. Never sent to a browser, never logged.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// SupportBot's public address the links point at (<c>https://support.contoso.com</c>). Empty: <c>https://</c> and
    /// <c>Teams:Domain</c> when that is set, else the first of <c>Urls</c>.
    /// </summary>
    public string? PublicUrl { get; set; }

    public TimeOnly TimeOfDay => TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);

    public TimeSpan LinkSpan => DurationText.TryParse(LinkLifetime, out var span) ? span : TimeSpan.FromDays(14);
}

internal sealed class ReviewOptionsValidator : OptionsValidator<ReviewOptions>
{
    protected override void Validate(ReviewOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        const string Section = ReviewOptions.SectionName;
        if (!TimeOnly.TryParseExact(options.Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add($"{Section}:Time must be a time of day such as 09:00, not '{options.Time}'.");
        }

        if (!DurationText.TryParse(options.LinkLifetime, out var lifetime) || lifetime < TimeSpan.FromMinutes(1) || lifetime > TimeSpan.FromDays(366))
        {
            errors.Add($"{Section}:LinkLifetime must be a span from 1m to 366d such as 14d, not '{options.LinkLifetime}'.");
        }

        if (options.SigningKey is { Length: > 0 } key && !(Convert.TryFromBase64String(key, new byte[key.Length], out var length) && length >= 32))
        {
            errors.Add($"{Section}:SigningKey must be base64 of at least 32 bytes (or empty, to generate one).");
        }

        if (options.PublicUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            errors.Add($"{Section}:PublicUrl must be an absolute http(s) address such as https://support.contoso.com, not '{url}'.");
        }
    }
}
