using SupportBot.Tickets;
using SupportBot.Tickets.Lifecycle;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering.Actions;

/// <summary>
/// One button on a ticket's cards, whole: its verb (stable across releases, so posted cards keep working), the card it
/// sits on, its label, the inputs it asks for, who may press it, what it changes and who is told. Each is a sealed type
/// listed in <see cref="CardActions"/>; a new one cannot be added without saying all of these, and a verb that is none
/// of them is answered as unknown, never silently ignored.
/// </summary>
internal abstract class CardAction(string verb, TicketAction action, CardKind? card)
{
    public string Verb { get; } = verb;

    /// <summary>The lifecycle action behind the button: permission and the status it leads to.</summary>
    public TicketAction Action { get; } = action;

    /// <summary>The card the button sits on; null for an action taken by command only ("add info TS-…").</summary>
    public CardKind? Card { get; } = card;

    /// <summary>The inputs in the order the card shows them; each one's label is <c>card.input.{verb}.{name}</c>.</summary>
    public abstract IReadOnlyList<CardField> Inputs { get; }

    public bool AsksForInput => Inputs.Count > 0;

    /// <summary>The button's label; with inputs, it opens them and <see cref="SendKey"/> sends them.</summary>
    public string LabelKey => $"card.op.{Verb}";

    public string SendKey => $"card.send.{Verb}";

    /// <summary>What the presser reads once it is done; <c>{0}</c> is the ticket number.</summary>
    public string DoneKey => $"card.done.{Verb}";

    /// <summary>Adaptive Cards' action style: "positive" for the step most people take next.</summary>
    public virtual string? Style => null;

    /// <summary>Who may press it, and when. The lifecycle's rule unless an action narrows or widens it.</summary>
    public virtual LifecycleDecision Permit(Ticket ticket, TicketRole role) => TicketLifecycle.Decide(ticket, Action, role);

    /// <summary>A button the rules would allow but that makes no sense for this viewer now (e.g. Take on one's own ticket).</summary>
    public virtual bool Offered(Ticket ticket, string? viewerId, SupportRoster roster) => true;

    /// <summary>Reads the inputs into the change to make; null (with the form's problem set) when they are not valid.</summary>
    public abstract CardCommand? Prepare(CardForm form, Ticket ticket, Actor actor);

    /// <summary>Tells everyone concerned once the change is saved (behind the turn, through the outbox).</summary>
    public abstract Task TellAsync(TicketEvent done, TicketNotifications tell);

    public override string ToString() => Verb;

    protected static TextField LongText(string name) => new(name, CardForm.LongTextLimit, Required: true, Multiline: true);

    protected static TextField Reason(bool required = true) => new("reason", CardForm.ShortTextLimit, required, Multiline: false);

    protected static Task Nobody => Task.CompletedTask;
}
