using Microsoft.Extensions.Options;
using SupportBot.BotFramework.Dialogs;
using SupportBot.Describing;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>
/// The outcome of one answer: the form after it, whether the answer fitted the question, and when it did not,
/// why (a sentence for the reporter), if there is more to say than the question's usual re-ask.
/// </summary>
internal sealed record IntakeStep(IntakeForm Form, bool Accepted, string? Reason = null);

/// <summary>
/// The intake rules without the conversation: which field to ask next, and what an answer does to the form.
/// Only what is missing is asked; optional fields and overrides are left to the confirmation card.
/// </summary>
internal sealed class IntakeFlow(
    DescriptionIntake descriptions,
    DescriptionAnalyzer analyzer,
    OccurrenceTimeParser times,
    IntakeChoices choices,
    StatedFacts stated,
    IOptions<TicketsOptions> tickets)
{
    public const int MaxAnswerLength = DescriptionsApi.MaxTextLength;

    /// <summary>The category suggested for a report that names no known system and asks for nothing in particular.</summary>
    private const string UnplacedCategory = "other";
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(tickets.Value.TimeZone);
    private readonly HashSet<string> _environmentCategories = [.. tickets.Value.EnvironmentCategories()];

    public TimeZoneInfo Zone => _zone;

    /// <summary>The reporter's time zone when the channel told us a valid one, else the desk's.</summary>
    public TimeZoneInfo ZoneOf(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.TimeZone is { } name && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : _zone;
    }

    /// <summary>The description engine's view of what the reporter has said so far.</summary>
    public DescriptionAnalysis Analyze(IntakeForm form) => descriptions.Analyze(form);

    public IntakeField Next(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.ProfileOnly)
        {
            return ProfileFields(form).FirstOrDefault(field => form.Profile[field] is null, IntakeField.Confirm);
        }

        if (form.Reviewing)
        {
            return IntakeField.Confirm;
        }

        return form switch
        {
            { OnBehalf.KindGiven: false } => IntakeField.CallerKind,
            { OnBehalf.CameBy: null } => IntakeField.CameBy,
            { Description: null } => IntakeField.Description,
            // A how-to question or a request has no moment it first happened: "when did it first happen?" would puzzle.
            { OccurredAt: null, OccurredAtUnknown: false } when !AsksNoOccurrence(form.SuggestedCategory) => IntakeField.OccurredAt,
            { System: null } => IntakeField.System,
            // Only when the bot cannot tell: "other" is its suggestion for a report it could not place.
            { Category: null, SuggestedCategory: null or UnplacedCategory } => IntakeField.Category,
            { Blocked: null } => IntakeField.Blocked,
            { People: null } => IntakeField.People,
            { Workaround: null } when PriorityAssessment.NeedsWorkaroundAnswer(form) => IntakeField.Workaround,

            // Seed 001: a fault report records the operating environment (system version, browser, device).
            { Environment: null } when AsksEnvironment(form.FiledCategory) => IntakeField.Environment,
            _ => ProfileFields(form).FirstOrDefault(field => form.Profile[field] is null, form.OnBehalf is { EmergencyContact: null } ? IntakeField.EmergencyContact : IntakeField.Confirm),
        };
    }

    /// <summary>Adds the reporter's first words (or more words) to the description and completes it if it can.</summary>
    public IntakeForm Describe(IntakeForm form, string text)
    {
        ArgumentNullException.ThrowIfNull(form);
        return descriptions.Describe(form, text, ZoneOf(form));
    }

    public IntakeStep Answer(IntakeForm form, string text)
    {
        ArgumentNullException.ThrowIfNull(form);
        text = text.Trim();
        if (text.Length == 0 || text.Length > MaxAnswerLength || form.Asking is not { } field)
        {
            return new IntakeStep(form, false);
        }

        if (field == IntakeField.Description && !form.Reviewing)
        {
            var described = descriptions.Answer(form, text, ZoneOf(form));
            return described.Accepted ? described with { Form = stated.Fill(described.Form, text, ZoneOf(form)) } : described;
        }

        var answered = field switch
        {
            IntakeField.Description => IsUnknown(text) || choices.IsSkip(text) || !DescriptionIntake.HasWords(text) ? null : form with { Description = text },
            IntakeField.OccurredAt => AnswerOccurredAt(form, text),
            IntakeField.System when form.Reviewing && !IsUnknown(text) => descriptions.ChangeSystem(form, text),
            IntakeField.System => form with { System = IsUnknown(text) ? "" : analyzer.Analyze(text, form.Locale).Slots.System ?? text },
            IntakeField.Category => choices.Category(text) is { } category ? form with { Category = category }
                : ConfirmPrompt.Recognize(text) == true ? form with { Category = form.SuggestedCategory ?? UnplacedCategory }
                : null,
            IntakeField.Blocked => AnswerImpact(form, text),
            IntakeField.People => choices.Reach(text) is { } reach ? form with { People = reach } : null,
            IntakeField.Workaround => ConfirmPrompt.Recognize(text) is { } workaround ? form with { Workaround = workaround } : null,
            IntakeField.Title => text.Length <= 100 ? form with { Title = text } : null,
            IntakeField.Priority => choices.Priority(text) is { } priority ? form with { PriorityOverride = priority } : null,
            IntakeField.Environment => form with { Environment = IsSkip(text) ? "" : text },
            IntakeField.AlreadyTried => form with { AlreadyTried = IsSkip(text) ? "" : text },
            IntakeField.CallerKind when form.OnBehalf is { } caller => choices.CallerKind(text) is { } kind
                ? form with { ReporterKind = kind, OnBehalf = caller with { KindGiven = true } }
                : null,
            IntakeField.CameBy when form.OnBehalf is { } caller => choices.CameBy(text) is { } way ? form with { OnBehalf = caller with { CameBy = way } } : null,
            IntakeField.EmergencyContact when form.OnBehalf is { } caller => form with { OnBehalf = caller with { EmergencyContact = IsSkip(text) ? "" : text } },
            IntakeField.ExpectedBy => AnswerExpectedBy(form, text),
            IntakeField.EmployeeId or IntakeField.Department or IntakeField.Extension or IntakeField.CustomerName or IntakeField.CustomerNumber or IntakeField.Phone
                => DetailsAnswer.Read(form, field, text, answer => ConfirmPrompt.Recognize(answer) is not null || IsUnknown(answer) || choices.IsSkip(answer)),
            _ => null,
        };

        if (answered is not null)
        {
            // "Yesterday, and the whole team is stuck" answers the time and, in passing, two questions still to come.
            return new IntakeStep(stated.Fill(answered, text, ZoneOf(form)) with { Failures = 0 }, true);
        }

        var reason = field == IntakeField.OccurredAt && times.Parse(text, ZoneOf(form)).Kind == OccurrenceKind.Future
            ? choices.FutureTime(form.Locale, times.Now, ZoneOf(form))
            : null;
        return new IntakeStep(form with { Failures = form.Failures + 1 }, false, reason);
    }

    /// <summary>After three unusable answers the reporter may skip: the field is left unknown and intake moves on.</summary>
    public IntakeForm Skip(IntakeForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var skipped = form.Asking switch
        {
            IntakeField.Description => descriptions.SkipSlot(form),
            IntakeField.OccurredAt => form with { OccurredAtUnknown = true },
            IntakeField.System => form with { System = "" },
            IntakeField.Category => form with { Category = form.SuggestedCategory ?? "other" },
            IntakeField.Blocked => form with { Blocked = false },
            IntakeField.People => form with { People = ImpactReach.OnlyMe },
            IntakeField.Workaround => form with { Workaround = false },
            IntakeField.Environment => form with { Environment = "" },
            IntakeField.EmergencyContact when form.OnBehalf is { } caller => form with { OnBehalf = caller with { EmergencyContact = "" } },
            { } field when ReporterProfile.EmployeeFields.Contains(field) || ReporterProfile.CustomerFields.Contains(field) => form with { Profile = form.Profile.With(field, "") },
            _ => form,
        };
        return skipped with { Failures = 0 };
    }

    private static bool AsksNoOccurrence(string? category) => category is "howto" or "request" or "consultation";

    /// <summary>Whether the category is a software or network fault, whose report the intake asks the environment of.</summary>
    public bool AsksEnvironment(string? category) =>
        category is not null && _environmentCategories.Contains(category);

    public static AssessedPriority PriorityOf(IntakeForm form)
    {
        var assessed = PriorityAssessment.From(form) ?? new AssessedPriority(Priority.Medium, "priority.reason.unknown");
        return form.PriorityOverride is { } chosen ? new AssessedPriority(chosen, "priority.reason.chosen") : assessed;
    }

    private IntakeForm? AnswerOccurredAt(IntakeForm form, string text)
    {
        if (IsUnknown(text))
        {
            // Also when the card's Edit asked again: "don't know" withdraws the time given before.
            return form with { OccurredAtUnknown = true, OccurredAt = null, OccurredAtNote = null };
        }

        var occurrence = times.Parse(text, ZoneOf(form));
        return occurrence.Kind == OccurrenceKind.Past
            ? form with { OccurredAt = occurrence.At, OccurredAtNote = occurrence.NoteOf(text), OccurredAtUnknown = false }
            : null;
    }

    /// <summary>
    /// "Yes, only me", 「否,还能工作」, "no": whether work is blocked, and who is affected when the answer says so too (the
    /// question asks both when neither is known, as a person at the desk would).
    /// </summary>
    private IntakeForm? AnswerImpact(IntakeForm form, string text)
    {
        var split = text.IndexOfAny([',', '，', '、', ';', '；', ' ', '—']);
        var (first, rest) = split > 0 ? (text[..split], text[(split + 1)..].Trim()) : (text, "");
        if ((ConfirmPrompt.Recognize(text) ?? ConfirmPrompt.Recognize(first)) is not { } blocked)
        {
            // "Only me" answers the other half: it is kept, and whether work is blocked is asked on its own.
            return form.People is null && choices.Reach(text) is { } only ? form with { People = only } : null;
        }

        var answered = form with { Blocked = blocked };
        return form.People is null && rest.Length > 0 && choices.Reach(rest) is { } reach ? answered with { People = reach } : answered;
    }

    private IntakeForm? AnswerExpectedBy(IntakeForm form, string text)
    {
        if (IsSkip(text))
        {
            return form with { ExpectedBy = null };
        }

        // A deadline reads forward: "by Friday" is the coming Friday, where an occurrence's "Friday" is the last one.
        var expected = times.Deadline(text, ZoneOf(form));
        return expected.Kind == OccurrenceKind.Future ? form with { ExpectedBy = expected.At } : null;
    }

    private static IReadOnlyList<IntakeField> ProfileFields(IntakeForm form) =>
        form.ReporterKind == ReporterKind.Employee ? ReporterProfile.EmployeeFields : ReporterProfile.CustomerFields;

    private bool IsUnknown(string text) => choices.IsUnknown(text);

    private bool IsSkip(string text) => choices.IsSkip(text) || choices.IsUnknown(text);
}
