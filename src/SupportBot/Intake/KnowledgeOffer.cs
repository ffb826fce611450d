using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Schema;
using SupportBot.Knowledge;
using SupportBot.Knowledge.Search;
using SupportBot.Localization;
using SupportBot.Common;

namespace SupportBot.Intake;

/// <summary>
/// Deflection (product.md §7): once the description is specific, and before the category and impact questions, the
/// knowledge base is searched; articles sure enough to be the same problem are offered (at most three) with "This
/// solved it" and "Not this — continue". The offer and its answer are recorded, in the turn's transaction.
/// </summary>
internal sealed class KnowledgeOffer(
    IKnowledgeSearch search,
    IKnowledgeStore articles,
    IDeflectionStore deflections,
    IOptions<KnowledgeOptions> options,
    IntakeChoices choices,
    Localizer localizer,
    TimeProvider time)
{
    public const int MaxOffered = 3;
    public const string Solved = "solved";
    public const string Continue = "continue";
    private const int SolutionShown = 600;

    /// <summary>The form with an offer on screen and the card to show, or the form marked as searched when nothing fits.</summary>
    public async Task<(IntakeForm Form, Activity? Card)> ConsiderAsync(IntakeForm form, string reporterId, IntakeField next)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.OfferSettled || form.OfferShown || form.Reviewing || form.ProfileOnly || form.Description is null || next is IntakeField.Description or IntakeField.Confirm)
        {
            return (form, null);
        }

        // The composed description without its "no error code" note: those words are the intake's, not the problem's.
        var found = search.Search(choices.WithoutErrorCodeNote(form.Description, form.Locale), form.Locale, MaxOffered)
            .Where(hit => hit.Confidence >= options.Value.OfferConfidence)
            .Select(hit => articles.Find(hit.Id))
            .OfType<KnowledgeArticle>()
            .ToList();
        if (found.Count == 0)
        {
            return (form with { OfferSettled = true }, null);
        }

        var offered = form with { Offered = [.. found.Select(article => article.Id)], OfferShown = true, Asking = next };
        await deflections.SaveAsync(new DeflectionRecord
        {
            Id = form.Id,
            ReporterId = reporterId,
            System = string.IsNullOrEmpty(form.System) ? null : form.System,
            Locale = form.Locale,
            Description = form.Description,
            Offered = offered.Offered,
            OfferedAt = time.GetUtcNow(),
        });
        return (offered, Render(offered, found));
    }

    /// <summary>Records the reporter's answer; "continue" (or just answering the next question) leaves the form settled.</summary>
    public async Task<IntakeForm> SettleAsync(IntakeForm form, string? acceptedArticle)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (deflections.Find(form.Id) is { Outcome: DeflectionOutcome.Pending } record)
        {
            await deflections.SaveAsync(record with
            {
                Outcome = acceptedArticle is null ? DeflectionOutcome.Declined : DeflectionOutcome.Accepted,
                Accepted = acceptedArticle,
                SettledAt = time.GetUtcNow(),
            });
        }

        return form with { OfferShown = false, OfferSettled = true };
    }

    /// <summary>The offer: each article's title and solution (never its internal cause) with its own "This solved it".</summary>
    public Activity Render(IntakeForm form, IReadOnlyList<KnowledgeArticle> found)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(found);
        var locale = form.Locale;
        var body = new JsonArray { Text(localizer.Get(locale, "intake.offer.heading"), "Bolder") };
        foreach (var article in found)
        {
            var solution = article.Text.Solution.Length <= SolutionShown ? article.Text.Solution : article.Text.Solution[..SolutionShown] + "…";
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray
                {
                    Text(ReporterText.Escape(article.Text.Title), "Bolder"),
                    Text(ReporterText.Escape(solution), null),
                    new JsonObject
                    {
                        ["type"] = "ActionSet",
                        ["actions"] = new JsonArray { ConfirmationCard.Submit(localizer.Get(locale, "intake.offer.solved"), new IntakeCardAction(Solved, form.Id, article.Id), "positive") },
                    },
                },
            });
        }

        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
            ["actions"] = new JsonArray { ConfirmationCard.Submit(localizer.Get(locale, "intake.offer.continue"), new IntakeCardAction(Continue, form.Id), null) },
        };
        return new Activity
        {
            Type = ActivityTypes.Message,
            Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = JsonSerializer.SerializeToElement(card) }],
        };
    }

    private static JsonObject Text(string text, string? weight)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (weight is not null)
        {
            block["weight"] = weight;
        }

        return block;
    }
}
