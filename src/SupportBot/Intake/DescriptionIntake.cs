using SupportBot.Describing;

namespace SupportBot.Intake;

/// <summary>
/// The description part of the intake: the reporter's words and their answers to the engine's questions (system,
/// action, symptom, error code), read whole, until the description is specific; then the sentence, the title, the
/// system and the suggested category follow from it. <see cref="IntakeFlow"/> decides when this is what is asked.
/// </summary>
internal sealed class DescriptionIntake(DescriptionAnalyzer analyzer, OccurrenceTimeParser times, CategorySuggester categories, IntakeChoices choices, StatedFacts stated)
{
    private const int MaxTitleLength = 60;

    /// <summary>The description engine's view of what the reporter has said so far.</summary>
    public DescriptionAnalysis Analyze(IntakeForm form) => analyzer.Analyze(form.Original, form.Locale, form.Answers);

    /// <summary>Adds the reporter's first words (or more words) to the description and completes it if it can.</summary>
    public IntakeForm Describe(IntakeForm form, string text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(form);
        var original = form.Original.Length == 0 ? text : form.Original + "\n" + text;
        return stated.Fill(Complete(form with { Original = Clip(original) }).Form, text, zone);
    }

    /// <summary>
    /// An answer while the description is being made specific. The first one is the reporter's own words (after
    /// "Report a problem" nothing has been said yet); later ones answer the slot asked, and are read whole, so an
    /// answer that names something else still counts. An answer fits when it settles anything that was missing.
    /// </summary>
    public IntakeStep Answer(IntakeForm form, string text, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(form);
        return AnswerSlot(form, text, zone);
    }

    private IntakeStep AnswerSlot(IntakeForm form, string text, TimeZoneInfo zone)
    {
        if (!form.HasDescribed)
        {
            return choices.IsUnknown(text) || choices.IsSkip(text) || !HasWords(text)
                ? Rejected(form, choices.DescribeAgain(form.Locale))
                : new IntakeStep(Describe(form, text, zone) with { Failures = 0 }, true);
        }

        var before = Analyze(form);
        var slot = before.Missing.Count > 0 ? before.Missing[0] : null;

        // "Don't know" / 「没有」 where the action or symptom was asked settles it as not stated: asking again would not help.
        if (slot is DescriptionSlot.Action or DescriptionSlot.Symptom && (choices.IsUnknown(text) || choices.IsSkip(text)))
        {
            return new IntakeStep(SkipSlot(form) with { Failures = 0 }, true);
        }

        // "It started yesterday at 3pm", a phone number or a category where the error was asked is no error message: what
        // it does say is taken, and the error is asked for again.
        if (slot == DescriptionSlot.ErrorCode && NotAnError(form, text, zone))
        {
            return Rejected(stated.Fill(form, text, zone), choices.NotAnError(form.Locale, before.Question ?? ""));
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
    public IntakeForm ChangeSystem(IntakeForm form, string text)
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
    private bool NotAnError(IntakeForm form, string text, TimeZoneInfo zone)
    {
        var read = analyzer.Analyze(text, form.Locale);
        if (read.ErrorCode == ErrorCodeState.Given && read.Slots.ErrorCode is { } code && code != text.Trim() || text.IndexOfAny(['\'', '"', '“', '‘', '「']) >= 0)
        {
            return false;
        }

        return times.Parse(text, zone).Kind == OccurrenceKind.Past
            || !HasWords(text)
            || text.Count(c => c is ',' or '，') >= 2
            || choices.Category(text) is not null
            || choices.IsPerson(text);
    }

    private static IntakeStep Rejected(IntakeForm form, string? reason) => new(form with { Failures = form.Failures + 1 }, false, reason);

    /// <summary>Letters of any script: "8001" or "+86 138 0013 8000" says nothing about what happened.</summary>
    internal static bool HasWords(string text) => text.Any(char.IsLetter);

    /// <summary>The slot asked is settled as not stated ("don't know", or three unusable answers).</summary>
    public IntakeForm SkipSlot(IntakeForm form)
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
    public (IntakeForm Form, DescriptionAnalysis Analysis) Complete(IntakeForm form)
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
            System = form.System ?? analysis.Slots.System ?? (form.Answers.System is { } system && (choices.IsUnknown(system) || choices.IsSkip(system)) ? "" : null),
            Version = form.Version ?? analysis.Slots.Version,
            SuggestedCategory = categories.Suggest(form.Original, analysis),
        }, analysis);
    }

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

    public static string Clip(string text) => text.Length <= DescriptionsApi.MaxTextLength ? text : text[..DescriptionsApi.MaxTextLength];
}
