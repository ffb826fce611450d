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
    DescriptionAnalyzer analyzer,
    OccurrenceTimeParser times,
    CategorySuggester categories,
    IntakeChoices choices,
    StatedFacts stated,
    IOptions<TicketsOptions> tickets)
{
    public const int MaxAnswerLength = DescriptionsApi.MaxTextLength;
    private const int MaxTitleLength = 60;
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
    public DescriptionAnalysis Analyze(IntakeForm form) => analyzer.Analyze(form.Original, form.Locale, form.Answers);

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
            { OccurredAt: null, OccurredAtUnknown: false } => IntakeField.OccurredAt,
            { System: null } => IntakeField.System,
            { Category: null } => IntakeField.Category,
            { Blocked: null } => IntakeField.Blocked,
            { People: null } => IntakeField.People,
            { Workaround: null } when PriorityAssessment.NeedsWorkaroundAnswer(form) => IntakeField.Workaround,

            // Seed 001: a fault report records the operating environment (system version, browser, device).
            { Environment: null } when AsksEnvironment(form.Category) => IntakeField.Environment,
            _ => ProfileFields(form).FirstOrDefault(field => form.Profile[field] is null, form.OnBehalf is { EmergencyContact: null } ? IntakeField.EmergencyContact : IntakeField.Confirm),
        };
    }

    /// <summary>Adds the reporter's first words (or more words) to the description and completes it if it can.</summary>
    public IntakeForm Describe(IntakeForm form, string text)
    {
        ArgumentNullException.ThrowIfNull(form);
        var original = form.Original.Length == 0 ? text : form.Original + "\n" + text;
        return stated.Fill(Complete(form with { Original = Clip(original) }).Form, text, ZoneOf(form));
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
            var described = AnswerDescription(form, text);
            return described.Accepted ? described with { Form = stated.Fill(described.Form, text, ZoneOf(form)) } : described;
        }

        var answered = field switch
        {
            IntakeField.Description => IsUnknown(text) || choices.IsSkip(text) || !HasWords(text) ? null : form with { Description = text },
            IntakeField.OccurredAt => AnswerOccurredAt(form, text),
            IntakeField.System when form.Reviewing && !IsUnknown(text) => ChangeSystem(form, text),
            IntakeField.System => form with { System = IsUnknown(text) ? "" : analyzer.Analyze(text, form.Locale).Slots.System ?? text },
            IntakeField.Category => choices.Category(text) is { } category ? form with { Category = category }
                : ConfirmPrompt.Recognize(text) == true ? form with { Category = form.SuggestedCategory ?? "other" }
                : null,
            IntakeField.Blocked => ConfirmPrompt.Recognize(text) is { } blocked ? form with { Blocked = blocked } : null,
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
            IntakeField.Description => SkipDescriptionSlot(form),
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

    /// <summary>Whether the category is a software or network fault, whose report the intake asks the environment of.</summary>
    public bool AsksEnvironment(string? category) =>
        category is not null && _environmentCategories.Contains(category);

    public static AssessedPriority PriorityOf(IntakeForm form)
    {
        var assessed = PriorityAssessment.From(form) ?? new AssessedPriority(Priority.Medium, "priority.reason.unknown");
        return form.PriorityOverride is { } chosen ? new AssessedPriority(chosen, "priority.reason.chosen") : assessed;
    }

    /// <summary>
    /// An answer while the description is being made specific. The first one is the reporter's own words (after
    /// "Report a problem" nothing has been said yet); later ones answer the slot asked, and are read whole, so an
    /// answer that names something else still counts. An answer fits when it settles anything that was missing.
    /// </summary>
    private IntakeStep AnswerDescription(IntakeForm form, string text)
    {
        if (!form.HasDescribed)
        {
            return IsUnknown(text) || choices.IsSkip(text) || !HasWords(text)
                ? Rejected(form, choices.DescribeAgain(form.Locale))
                : new IntakeStep(Describe(form, text) with { Failures = 0 }, true);
        }

        var before = Analyze(form);
        var slot = before.Missing.Count > 0 ? before.Missing[0] : null;

        // "Don't know" / 「没有」 where the action or symptom was asked settles it as not stated: asking again would not help.
        if (slot is DescriptionSlot.Action or DescriptionSlot.Symptom && (IsUnknown(text) || choices.IsSkip(text)))
        {
            return new IntakeStep(SkipDescriptionSlot(form) with { Failures = 0 }, true);
        }

        // "It started yesterday at 3pm", a phone number or a category where the error was asked is no error message: what
        // it does say is taken, and the error is asked for again.
        if (slot == DescriptionSlot.ErrorCode && NotAnError(form, text))
        {
            return Rejected(stated.Fill(form, text, ZoneOf(form)), choices.NotAnError(form.Locale, before.Question ?? ""));
        }

        // A bare number (or a phone number) is no system, action or symptom: ask what was meant instead of storing it.
        if (slot is DescriptionSlot.System or DescriptionSlot.Action or DescriptionSlot.Symptom && !HasWords(text))
        {
            return Rejected(form, choices.NotWords(form.Locale, before.Question ?? ""));
        }

        var answers = slot switch
        {
            DescriptionSlot.System => form.Answers with { System = text },
            DescriptionSlot.Action => form.Answers with { Action = text },
            DescriptionSlot.Symptom => form.Answers with { Symptom = text },
            DescriptionSlot.ErrorCode => form.Answers with { ErrorCode = text },
            _ => form.Answers,
        };
        var (after, analysis) = Complete(form with { Answers = answers });
        if (after.Description is null && analysis.Missing.Contains(slot))
        {
            // The answer said something else ("error 809" when the action was asked): it joins the reporter's own
            // words, where it is read with the rest, and the slot it did not fill stays free for the next answer.
            (after, analysis) = Complete(form with { Original = Clip(form.Original + "\n" + text) });
        }

        var settled = after.Description is not null || before.Missing.Except(analysis.Missing).Any();
        return settled ? new IntakeStep(after with { Failures = 0 }, true) : Rejected(form, null);
    }

    /// <summary>
    /// The system changed on the card: the description is composed again with it, and so is the title unless the
    /// reporter wrote their own, so the card does not go on saying OA once they have said it was CRM.
    /// </summary>
    private IntakeForm ChangeSystem(IntakeForm form, string text)
    {
        var system = analyzer.Analyze(text, form.Locale).Slots.System ?? text;
        var composedTitle = form.Description is { } old && form.Title == TitleFrom(choices.WithoutErrorCodeNote(old, form.Locale));
        var (recomposed, _) = Complete(form with { Answers = form.Answers with { System = text }, Description = null, Title = null, System = null });
        return form with
        {
            System = system,
            Answers = recomposed.Answers,
            Description = recomposed.Description ?? form.Description,
            Title = composedTitle ? recomposed.Title ?? form.Title : form.Title,
        };
    }

    /// <summary>An answer to "did an error appear?" that says something else: a time, a number alone, a list of details, a category.</summary>
    private bool NotAnError(IntakeForm form, string text)
    {
        var read = analyzer.Analyze(text, form.Locale);
        if (read.ErrorCode == ErrorCodeState.Given && read.Slots.ErrorCode is { } code && code != text.Trim() || text.IndexOfAny(['\'', '"', '“', '‘', '「']) >= 0)
        {
            return false;
        }

        return times.Parse(text, ZoneOf(form)).Kind == OccurrenceKind.Past
            || !HasWords(text)
            || text.Count(c => c is ',' or '，') >= 2
            || choices.Category(text) is not null
            || choices.IsPerson(text);
    }

    private static IntakeStep Rejected(IntakeForm form, string? reason) => new(form with { Failures = form.Failures + 1 }, false, reason);

    /// <summary>Letters of any script: "8001" or "+86 138 0013 8000" says nothing about what happened.</summary>
    internal static bool HasWords(string text) => text.Any(char.IsLetter);

    private IntakeForm SkipDescriptionSlot(IntakeForm form)
    {
        var notGiven = choices.NotGiven(form.Locale);
        var answers = (Analyze(form).Missing is { Count: > 0 } missing ? missing[0] : null) switch
        {
            DescriptionSlot.System => form.Answers with { System = "不知道" },
            DescriptionSlot.Action => form.Answers with { Action = notGiven },
            DescriptionSlot.Symptom => form.Answers with { Symptom = notGiven },
            _ => form.Answers with { ErrorCode = "unknown" },
        };
        return Complete(form with { Answers = answers }).Form;
    }

    /// <summary>Once nothing is missing, the description, title, system and suggested category follow from it.</summary>
    private (IntakeForm Form, DescriptionAnalysis Analysis) Complete(IntakeForm form)
    {
        var analysis = Analyze(form);
        if (analysis.Missing.Count > 0 || analysis.Description is null)
        {
            return (form, analysis);
        }

        // When the reporter could say neither what they were doing nor what happened, their own words say it better
        // than a sentence of "not stated".
        var notGiven = choices.NotGiven(form.Locale);
        var description = analysis.Slots.Action == notGiven && analysis.Slots.Symptom == notGiven && form.ReporterWords.Length > 0
            ? form.ReporterWords.Replace("\n", " / ", StringComparison.Ordinal)
            : analysis.Description;
        return (form with
        {
            Description = description,
            Title = form.Title ?? TitleFrom(choices.WithoutErrorCodeNote(description, form.Locale)),

            // "Don't know" for the system settles it: the intake's own system question would only ask it again.
            System = form.System ?? analysis.Slots.System ?? (form.Answers.System is { } system && (IsUnknown(system) || choices.IsSkip(system)) ? "" : null),
            Version = form.Version ?? analysis.Slots.Version,
            SuggestedCategory = categories.Suggest(form.Original, analysis),
        }, analysis);
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

    private IntakeForm? AnswerExpectedBy(IntakeForm form, string text)
    {
        if (IsSkip(text))
        {
            return form with { ExpectedBy = null };
        }

        var expected = times.Parse(text, ZoneOf(form));
        return expected.Kind == OccurrenceKind.Future ? form with { ExpectedBy = expected.At } : null;
    }

    private static IReadOnlyList<IntakeField> ProfileFields(IntakeForm form) =>
        form.ReporterKind == ReporterKind.Employee ? ReporterProfile.EmployeeFields : ReporterProfile.CustomerFields;

    /// <summary>The first clause or two of the description, cut at a clause boundary.</summary>
    private static string TitleFrom(string description)
    {
        var trimmed = description.TrimEnd('.', '。');
        if (trimmed.Length <= MaxTitleLength)
        {
            return trimmed;
        }

        var cut = trimmed.LastIndexOfAny([',', ';', ',', ';'], MaxTitleLength);
        return (cut > 10 ? trimmed[..cut] : trimmed[..MaxTitleLength]) + "…";
    }

    private static string Clip(string text) => text.Length <= MaxAnswerLength ? text : text[..MaxAnswerLength];

    private bool IsUnknown(string text) => choices.IsUnknown(text);

    private bool IsSkip(string text) => choices.IsSkip(text) || choices.IsUnknown(text);
}
