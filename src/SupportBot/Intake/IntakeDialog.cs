using System.Text.Json;
using SupportBot.BotFramework.Dialogs;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.Localization;

namespace SupportBot.Intake;

/// <summary>How an intake starts: the reporter's first words (if any), their language and who they are.</summary>
internal sealed record IntakeStart(string? Text, string Locale, Tickets.ReporterKind ReporterKind, ReporterProfile Profile, bool ProfileOnly = false, string? TimeZone = null, string? OnBehalfOf = null);

/// <summary>
/// The guided report, one question per turn, from the first words to the confirmation card. The whole form
/// is the dialog's state, so a restarted process carries on where the conversation was. A click on a card
/// of another (finished) form is answered as stale and changes nothing.
/// </summary>
internal sealed class IntakeDialog(
    IntakeFlow flow,
    IntakeQuestions questions,
    IntakeChoices choices,
    ConfirmationCard card,
    IntakeSubmission submission,
    IServiceDesk desk,
    KnowledgeOffer offer,
    Localizer localizer,
    TimeProvider time,
    IStatePropertyAccessor<ReporterProfile> profiles) : Dialog(Id)
{
    public new const string Id = "intake";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, JsonElement? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var start = options?.Deserialize<IntakeStart>(JsonSerializerOptions.Web) ?? throw new ArgumentException("Intake needs its start.", nameof(options));
        var form = new IntakeForm
        {
            Id = Guid.NewGuid().ToString("N"),
            Locale = start.Locale,
            TimeZone = start.TimeZone,
            ReporterKind = start.ReporterKind,
            Profile = start.ProfileOnly ? new ReporterProfile() : start.Profile,
            ProfileOnly = start.ProfileOnly,
        };
        form = WithAttachments(form, dc.Context.Activity);
        if (start.OnBehalfOf is { } caller)
        {
            // The caller's details are asked afresh: the engineer's own remembered details are not theirs.
            var filer = dc.Context.Activity;
            form = form with { OnBehalf = new OnBehalfForm { CallerName = caller, FiledById = filer.SenderId() ?? "", FiledByName = filer.From?.Name ?? "" }, Profile = new ReporterProfile() };
            await dc.Context.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(form.Locale, "onBehalf.started", caller), []), cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(start.Text) && choices.IsPerson(start.Text))
        {
            return await HandOffAsync(dc, form, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(start.Text))
        {
            form = flow.Describe(form, start.Text);
            await AcknowledgeAsync(dc, null, form, cancellationToken);
        }

        return await AskNextAsync(dc, form, cancellationToken);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var form = dc.GetState<IntakeForm>()!;
        var activity = dc.Context.Activity;
        if (IntakeCardAction.From(activity.Value) is { } action)
        {
            return await OnCardActionAsync(dc, form, action, cancellationToken);
        }

        if (form.OfferShown)
        {
            // Answering the next question instead of pressing a button says "not this" as clearly as the button does.
            form = await offer.SettleAsync(form, acceptedArticle: null);
            dc.SetState(form);
        }

        var withFiles = WithAttachments(form, activity);
        if (withFiles.Attachments.Count > form.Attachments.Count)
        {
            var added = withFiles.Attachments.Skip(form.Attachments.Count).Select(attachment => attachment.Name);
            await dc.Context.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(form.Locale, "intake.attached", string.Join(", ", added)), []), cancellationToken);
            form = withFiles;
            if (string.IsNullOrWhiteSpace(activity.Text))
            {
                return await AskNextAsync(dc, form, cancellationToken);
            }
        }

        var text = activity.Text ?? "";
        if (form.Failures >= 3 && choices.IsSkip(text))
        {
            return await AskNextAsync(dc, flow.Skip(form), cancellationToken);
        }

        // A person can be asked for at any point, not only once the stuck prompt offers it.
        if (choices.IsPerson(text))
        {
            return await HandOffAsync(dc, form, cancellationToken);
        }

        if (form.Asking == IntakeField.Confirm)
        {
            // Typing while the card is shown: a yes files it, anything else says how the card works and shows it again.
            if (ConfirmPrompt.Recognize(text) == true)
            {
                return await SubmitAsync(dc, form, cancellationToken);
            }

            await dc.Context.SendActivityAsync(questions.Text(form.Locale, "intake.card.howTo"), cancellationToken);
            return await AskNextAsync(dc, form, cancellationToken);
        }

        var step = flow.Answer(form, text);
        if (!step.Accepted)
        {
            dc.SetState(step.Form);
            await dc.Context.SendActivityAsync(questions.Retry(step.Form, form.Asking ?? IntakeField.Description, EngineQuestion(step.Form), step.Reason), cancellationToken);
            return DialogTurnResult.EndOfTurn;
        }

        await AcknowledgeAsync(dc, form, step.Form, cancellationToken);
        return await AskNextAsync(dc, step.Form, cancellationToken);
    }

    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, JsonElement? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    public override Task RepromptDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var form = dc.GetState<IntakeForm>()!;
        return AskAsync(dc, form, form.Asking ?? IntakeField.Description, cancellationToken);
    }

    private async Task<DialogTurnResult> OnCardActionAsync(DialogContext dc, IntakeForm form, IntakeCardAction action, CancellationToken cancellationToken)
    {
        if (action.Form != form.Id)
        {
            await dc.Context.SendActivityAsync(questions.Text(form.Locale, "intake.stale"), cancellationToken);
            return DialogTurnResult.EndOfTurn;
        }

        switch (action.Intake)
        {
            case IntakeCardAction.Submit:
                return await SubmitAsync(dc, form, cancellationToken);
            case IntakeCardAction.Cancel:
                await dc.Context.SendActivityAsync(questions.WithMenu(form.Locale, "intake.cancelled"), cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case KnowledgeOffer.Solved when form.OfferShown && action.Field is { } article && form.Offered.Contains(article):
                await offer.SettleAsync(form, article);
                await dc.Context.SendActivityAsync(questions.WithMenu(form.Locale, "intake.solved"), cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            case KnowledgeOffer.Continue when form.OfferShown:
                // Straight on with the question the offer came before.
                form = await offer.SettleAsync(form, acceptedArticle: null);
                dc.SetState(form);
                await AskAsync(dc, form, form.Asking ?? flow.Next(form), cancellationToken);
                return DialogTurnResult.EndOfTurn;
            case IntakeCardAction.Edit when Enum.TryParse<IntakeField>(action.Field, out var field) && Enum.IsDefined(field) && field != IntakeField.Confirm:
                form = form with { Asking = field, Reviewing = true, Failures = 0 };
                dc.SetState(form);
                await AskAsync(dc, form, field, cancellationToken);
                return DialogTurnResult.EndOfTurn;
            default:
                return await AskNextAsync(dc, form, cancellationToken);
        }
    }

    /// <summary>
    /// The desk really hears of it; when nobody there can be reached, the reporter is told so rather than left waiting.
    /// Either way the report stays open and its question is asked again, with Skip and Talk to a person still offered.
    /// </summary>
    private async Task<DialogTurnResult> HandOffAsync(DialogContext dc, IntakeForm form, CancellationToken cancellationToken)
    {
        var field = form.Asking ?? flow.Next(form);
        form = form with { Asking = field };
        dc.SetState(form);
        var reached = await desk.RequestPersonAsync(dc.Context.Activity, form);
        await dc.Context.SendActivityAsync(questions.Text(form.Locale, reached ? "intake.personRequested" : "intake.personUnreachable"), cancellationToken);
        await dc.Context.SendActivityAsync(
            form.Failures >= 3 ? questions.Retry(form, field, EngineQuestion(form)) : field == IntakeField.Confirm ? card.Render(form, form.OnBehalf?.CallerName ?? dc.Context.Activity.From?.Name ?? "") : questions.Ask(form, field, EngineQuestion(form)),
            cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    private async Task<DialogTurnResult> AskNextAsync(DialogContext dc, IntakeForm form, CancellationToken cancellationToken)
    {
        var field = flow.Next(form);
        var (considered, offerCard) = await offer.ConsiderAsync(form, dc.Context.Activity.SenderId() ?? "", field);
        if (offerCard is not null)
        {
            dc.SetState(considered);
            await dc.Context.SendActivityAsync(offerCard, cancellationToken);
            return DialogTurnResult.EndOfTurn;
        }

        form = considered with { Asking = field };
        if (field == IntakeField.Confirm)
        {
            if (form.OnBehalf is null)
            {
                await profiles.SetAsync(dc.Context, form.Profile, cancellationToken);
            }

            if (form.ProfileOnly)
            {
                await dc.Context.SendActivityAsync(questions.WithMenu(form.Locale, "intake.profileSaved"), cancellationToken);
                return await dc.EndDialogAsync(null, cancellationToken);
            }

            form = form with { Reviewing = true };
        }

        dc.SetState(form);
        await AskAsync(dc, form, field, cancellationToken);
        return DialogTurnResult.EndOfTurn;
    }

    private async Task AskAsync(DialogContext dc, IntakeForm form, IntakeField field, CancellationToken cancellationToken) =>
        await dc.Context.SendActivityAsync(
            field == IntakeField.Confirm ? card.Render(form, form.OnBehalf?.CallerName ?? dc.Context.Activity.From?.Name ?? "") : questions.Ask(form, field, EngineQuestion(form)),
            cancellationToken);

    private async Task<DialogTurnResult> SubmitAsync(DialogContext dc, IntakeForm form, CancellationToken cancellationToken)
    {
        var (ticket, confirmation) = await submission.SubmitAsync(form, dc.Context.Activity);
        await desk.AnnounceAsync(dc.Context, ticket, confirmation, cancellationToken);
        return await dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>When the description has just become specific, show it (plain text: the reporter's words are never markdown).</summary>
    private Task AcknowledgeAsync(DialogContext dc, IntakeForm? before, IntakeForm after, CancellationToken cancellationToken) =>
        before?.Description is null && after.Description is { } description && !after.Reviewing
            ? dc.Context.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(after.Locale, "intake.understood", description), []), cancellationToken)
            : Task.CompletedTask;

    private string? EngineQuestion(IntakeForm form) => form.Description is null && form.HasDescribed ? flow.Analyze(form).Question : null;

    private IntakeForm WithAttachments(IntakeForm form, Activity activity)
    {
        var files = ReporterFiles.Of(activity, activity.SenderId() ?? "", time.GetUtcNow());
        return files.Count == 0 ? form : form with { Attachments = [.. form.Attachments, .. files] };
    }
}
