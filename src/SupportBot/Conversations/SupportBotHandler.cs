using SupportBot.BotFramework.Dialogs;
using SupportBot.BotFramework.Schema;
using SupportBot.BotFramework.State;
using SupportBot.BotFramework.Turns;
using SupportBot.Engineering;
using SupportBot.Intake;
using SupportBot.Localization;
using SupportBot.Tickets;
using SupportBot.Common;

namespace SupportBot.Conversations;

/// <summary>
/// SupportBot's entry point in every channel. Greets people in their language when they join or first write;
/// answers the things a reporter may say at any time (cancel, help, status, my tickets, add information);
/// everything else is the intake dialog: it continues the report under way, or starts one with the message.
/// </summary>
internal sealed class SupportBotHandler(
    Localizer localizer,
    ReporterCommands commands,
    OnBehalfFiling onBehalf,
    ReporterDesk desk,
    DialogSet dialogs,
    ConversationState conversationState,
    IStatePropertyAccessor<ReporterProfile> profiles,
    TicketCardActions cardActions,
    TriageCommand triageCommand,
    ImplementationLogCommand logCommand,
    KnowledgeCommand knowledgeCommand,
    IntakeQuestions questions) : ActivityHandler
{
    private readonly IStatePropertyAccessor<bool> _welcomed = conversationState.CreateProperty<bool>("welcomed");

    protected override async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (!SharedConversations.IsShared(activity))
        {
            await base.OnConversationUpdateActivityAsync(turnContext, cancellationToken);
        }
        else if (activity.MembersAdded?.Any(member => member.Id == activity.Recipient?.Id) == true)
        {
            // A team or group chat hears from SupportBot once, when it is added; not whenever somebody joins.
            await Say(turnContext, localizer.Get(LocaleOf(activity), "shared.intro"), cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);

        // Only people arrive here: the base handler leaves the bot itself out.
        await _welcomed.SetAsync(turnContext, true, cancellationToken);
        await turnContext.SendActivityAsync(Welcome(LocaleOf(turnContext.Activity)), cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (CardSubmission.From(activity.Value) is { } submission)
        {
            await OnCardSubmitAsync(turnContext, submission, cancellationToken);
            return;
        }

        if (knowledgeCommand.TryHandle(activity) is { } found)
        {
            await Say(turnContext, found, cancellationToken);
            return;
        }

        if (SharedConversations.IsShared(activity))
        {
            if (triageCommand.TryHandle(activity) is { } bound)
            {
                await Say(turnContext, bound, cancellationToken);
                return;
            }

            // Everyone in a channel or group chat reads the answers, and a report there would be one form filled in
            // by whoever speaks next: reports, details and tickets are for the personal chat only.
            await Say(turnContext, localizer.Get(LocaleOf(activity), "shared.personalOnly"), cancellationToken);
            return;
        }

        if (logCommand.TryHandle(activity, LocaleOf(activity)) is { } logged)
        {
            await Say(turnContext, logged, cancellationToken);
            return;
        }

        var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken);
        // The report under way keeps its language; read from its state only when a reply here needs it,
        // because the ordinary turn (an answer to the dialog) does not.
        string Locale() => dc.ActiveDialog is null ? LocaleOf(activity) : dc.GetState<IntakeForm>()?.Locale ?? LocaleOf(activity);

        var command = activity.Value is null ? commands.Recognize(activity.Text) : null;
        if (!await _welcomed.GetAsync(turnContext, () => false, cancellationToken))
        {
            await _welcomed.SetAsync(turnContext, true, cancellationToken);
            await turnContext.SendActivityAsync(Welcome(Locale()), cancellationToken);
            if (command?.Kind == ReporterCommandKind.Greeting)
            {
                return;
            }
        }

        if (command is not null)
        {
            await OnCommandAsync(dc, command, Locale(), cancellationToken);
            return;
        }

        if (dc.ActiveDialog is not null)
        {
            await dc.ContinueDialogAsync(cancellationToken);
        }
        else if (IntakeCardAction.From(activity.Value) is not null)
        {
            await turnContext.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(Locale(), "intake.stale"), MenuTitles(Locale())), cancellationToken);
        }
        else if (!string.IsNullOrWhiteSpace(activity.Text) || activity.Attachments is { Count: > 0 })
        {
            await BeginIntakeAsync(dc, activity.Text, Locale(), profileOnly: false, cancellationToken);
        }
    }

    /// <summary>An upload Direct Line refused: the widget only says "send failed", so the visitor hears why and what fits.</summary>
    protected override async Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (BotFramework.DirectLine.UploadRefusal.From(turnContext.Activity) is { } refused)
        {
            var locale = LocaleOf(turnContext.Activity);
            var files = refused.Files.Count == 0 ? localizer.Get(locale, "upload.refused.theFiles") : string.Join(", ", refused.Files);
            var megabytes = (refused.MaxBytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            await Say(turnContext, localizer.Get(locale, refused.Reason == BotFramework.DirectLine.UploadRefusal.TooLarge ? "upload.refused.size" : "upload.refused.type", files, megabytes), cancellationToken);
        }
    }

    /// <summary>A ticket card's button in Teams (Universal Actions): the presser's refreshed card is the answer.</summary>
    protected override Task<InvokeResponse?> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(invoke);
        if (CardSubmission.From(invoke.Data, invoke.Verb) is not { } submission)
        {
            return Task.FromResult<InvokeResponse?>(InvokeResponses.Error(400, "BadRequest", "The action names no ticket and version."));
        }

        var reply = cardActions.Handle(submission, turnContext.Activity);
        return Task.FromResult<InvokeResponse?>(InvokeResponses.Card(System.Text.Json.JsonSerializer.SerializeToElement(reply.Card)));
    }

    /// <summary>
    /// A ticket card's button through <c>Action.Submit</c> (Web Chat, older Teams clients): the outcome as a message,
    /// with the card again when nothing happened, so the presser can see why and try again without retyping.
    /// </summary>
    private async Task OnCardSubmitAsync(ITurnContext turn, CardSubmission submission, CancellationToken cancellationToken)
    {
        var reply = cardActions.Handle(submission, turn.Activity);
        var message = IntakeQuestions.Plain(reply.Notice.Text, []);
        await turn.SendActivityAsync(reply.Applied ? message : message with { Attachments = [CardElements.Attachment(reply.Card)] }, cancellationToken);
    }

    private async Task OnCommandAsync(DialogContext dc, ReporterCommand command, string locale, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        var reporterId = IntakeSubmission.ReporterIdOf(turn.Activity);
        switch (command.Kind)
        {
            case ReporterCommandKind.Cancel:
                var active = dc.ActiveDialog is not null;
                await dc.CancelAllDialogsAsync(cancellationToken);
                await turn.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(locale, active ? "intake.cancelled" : "commands.nothingToCancel"), Menu(dc, locale)), cancellationToken);
                return;
            case ReporterCommandKind.StartOver:
                await dc.CancelAllDialogsAsync(cancellationToken);
                await BeginIntakeAsync(dc, null, locale, profileOnly: false, cancellationToken);
                return;
            case ReporterCommandKind.Report when dc.ActiveDialog is null:
                await BeginIntakeAsync(dc, null, locale, profileOnly: false, cancellationToken);
                return;
            case ReporterCommandKind.ReportFor when dc.ActiveDialog is null:
                // Only in a personal Teams chat, and only for the teams configured to file for others (the service desk).
                if (turn.Activity.ChannelId != Channels.MsTeams || !onBehalf.MayFile(reporterId))
                {
                    await turn.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(locale, "onBehalf.refused"), Menu(dc, locale)), cancellationToken);
                    return;
                }

                await dc.BeginDialogAsync(IntakeDialog.Id, new IntakeStart(null, locale, ReporterKind.Employee, new ReporterProfile(), OnBehalfOf: command.Text), cancellationToken);
                return;
            case ReporterCommandKind.ChangeDetails:
                await BeginIntakeAsync(dc, null, locale, profileOnly: true, cancellationToken);
                return;
            case ReporterCommandKind.Greeting when dc.ActiveDialog is null:
                await turn.SendActivityAsync(Welcome(locale), cancellationToken);
                return;
            case ReporterCommandKind.Help:
                await turn.SendActivityAsync(IntakeQuestions.Plain(localizer.Get(locale, "help.text"), Menu(dc, locale)), cancellationToken);
                break;
            // Outside a report, every answer leaves the menu in reach, so nobody is left with nothing to press.
            case ReporterCommandKind.Status:
                await turn.SendActivityAsync(IntakeQuestions.Plain(desk.Status(command.Number, reporterId, locale), Menu(dc, locale)), cancellationToken);
                break;
            case ReporterCommandKind.MyTickets:
                await turn.SendActivityAsync(IntakeQuestions.Plain(desk.MyTickets(reporterId, locale), Menu(dc, locale)), cancellationToken);
                break;
            case ReporterCommandKind.CancelTicket:
                await turn.SendActivityAsync(IntakeQuestions.Plain(desk.Cancel(command.Number!, command.Text, turn.Activity, locale), Menu(dc, locale)), cancellationToken);
                break;
            case ReporterCommandKind.AddInformation:
                await turn.SendActivityAsync(IntakeQuestions.Plain(desk.AddInformation(command.Number!, command.Text, turn.Activity, locale), Menu(dc, locale)), cancellationToken);
                break;
        }

        // An interruption answered: the report under way asks its question again.
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken);
        }
    }

    private async Task BeginIntakeAsync(DialogContext dc, string? text, string locale, bool profileOnly, CancellationToken cancellationToken)
    {
        var activity = dc.Context.Activity;
        var kind = activity.ChannelId == Channels.MsTeams ? ReporterKind.Employee : ReporterKind.Customer;
        var profile = await profiles.GetAsync(dc.Context, () => new ReporterProfile(), cancellationToken);
        await dc.BeginDialogAsync(IntakeDialog.Id, new IntakeStart(text, locale, kind, profile, profileOnly, activity.LocalTimezone), cancellationToken);
    }

    private static Task<ResourceResponse> Say(ITurnContext turn, string text, CancellationToken cancellationToken) =>
        turn.SendActivityAsync(IntakeQuestions.Plain(text, []), cancellationToken);

    /// <summary>The activity's locale, or Chinese when no locale is given and the text is Chinese.</summary>
    public static string LocaleOf(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // A reporter writing Chinese in an English Teams client wants Chinese answers: what they write decides.
        if (activity.Text is { } text && text.Count(c => c is >= '\u3400' and <= '\u9fff') is var han and > 0 && han >= text.Count(char.IsAsciiLetter))
        {
            return Localizer.Chinese;
        }

        return string.IsNullOrWhiteSpace(activity.Locale) ? Localizer.LanguageOf(activity.Text) : Localizer.Normalize(activity.Locale);
    }

    private string[] Menu(DialogContext dc, string locale) => dc.ActiveDialog is null ? MenuTitles(locale) : [];

    private string[] MenuTitles(string locale) => questions.Menu(locale);

    private Activity Welcome(string locale) => IntakeQuestions.Plain(localizer.Get(locale, "welcome.text"), MenuTitles(locale));
}
