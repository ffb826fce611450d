using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;
using SupportBot.Common;
using SupportBot.Engineering;
using SupportBot.Localization;
using SupportBot.Tickets.Routing;

namespace SupportBot.Review;

/// <summary>One review card owed to one person, as the outbox keeps it. <see cref="Locale"/> null: the language of their chat.</summary>
internal sealed record ReviewMessage
{
    public required string RecipientId { get; init; }
    public string? Team { get; init; }
    public required string Week { get; init; }
    public string? Locale { get; init; }
}

/// <summary>
/// Hands a week's review to the outbox, once: every lead of the team (or, for all teams, every administrator of
/// <c>Roster:Admins</c>) gets a row, and the rows and the ledger's record of the review are one transaction, keyed
/// by audience and week, so neither a second trigger nor a restart sends it again.
/// </summary>
internal sealed partial class ReviewSender(IOutbox outbox, IReviewLedger ledger, SupportRoster roster, ILogger<ReviewSender> log)
{
    public const string Kind = "weekly-review";

    public static string KeyOf(ReviewAudience audience, string week) => $"{Kind}|{audience.Key}|{week}";

    public async Task<bool> SendAsync(ReviewAudience audience, string week)
    {
        ArgumentNullException.ThrowIfNull(audience);
        IReadOnlyList<(string Id, string? Locale)> recipients = audience.Team is { } team
            ? [.. roster.FindTeam(team)?.Members.Where(member => member.IsLead).Select(lead => (lead.Id, (string?)lead.Locale)) ?? []]
            : [.. roster.Admins.Select(id => (id, roster.FindEngineer(id)?.Locale))];
        var sent = await ledger.SendOnceAsync(KeyOf(audience, week), () =>
        {
            foreach (var (id, locale) in recipients)
            {
                outbox.Add(Kind, $"{KeyOf(audience, week)}|{id}", new ReviewMessage { RecipientId = id, Team = audience.Team, Week = week, Locale = locale });
            }
        });
        if (sent)
        {
            Queued(log, audience.Key, week, recipients.Count);
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly review {Week} of {Audience} queued for {Recipients} people")]
    private static partial void Queued(ILogger logger, string audience, string week, int recipients);
}

/// <summary>Delivers a review row: computes the week's figures, renders the card in the reader's language with a fresh signed link, sends it.</summary>
internal sealed partial class ReviewDelivery(
    WeeklyReviewer reviewer, ReviewPresenter presenter, ReviewLinks links, CardDelivery delivery, Localizer localizer, IOptions<TeamsReachOptions> reach, ILogger<ReviewDelivery> log)
    : IOutboxHandler
{
    public string Kind => ReviewSender.Kind;

    public async Task DeliverAsync(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var row = message.Read<ReviewMessage>();
        if (await delivery.PersonalChatAsync(Channels.MsTeams, row.RecipientId) is not { } chat)
        {
            // Nobody can be reached who never opened a chat with SupportBot; the next week's review tries again.
            Unreachable(log, row.Week, row.Team ?? "*");
            return;
        }

        var locale = Localizer.Normalize(row.Locale ?? chat.Locale ?? reach.Value.TriageLocale);
        var view = presenter.Present(reviewer.Review(row.Week, row.Team), locale);
        var page = await links.ForAsync(row.Team, row.Week, locale);
        var card = ReviewCard.Render(view, page, localizer.Get(locale, "review.open"), key => localizer.Get(locale, key));
        await delivery.SendAsync(chat, new Activity { Type = ActivityTypes.Message, Attachments = [CardElements.Attachment(card)] });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The weekly review {Week} of {Audience} could not reach a recipient: they never opened a chat with SupportBot")]
    private static partial void Unreachable(ILogger logger, string week, string audience);
}
