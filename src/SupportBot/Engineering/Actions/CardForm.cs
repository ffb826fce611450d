using System.Globalization;
using SupportBot.Tickets;
using SupportBot.Tickets.Routing;

namespace SupportBot.Engineering.Actions;

/// <summary>A card button made ready for the ticket service: the action, what it changes, and the history note.</summary>
internal sealed record CardCommand(Tickets.Lifecycle.TicketAction Action, Func<Ticket, Ticket>? Amend, string? Note);

/// <summary>What was wrong with a card's input: a localised sentence key and its arguments, shown on the card.</summary>
internal sealed record CardInputProblem(string MessageKey, params object[] Args);

/// <summary>
/// The inputs of one pressed button, read by the fields the action declared. The first problem found is kept (and
/// later reads return nothing), so an action reads all its fields and then makes its command or not.
/// </summary>
internal sealed class CardForm(CardSubmission submission, SupportRoster roster, DateTimeOffset now, CardRouting routing, ArchiveDesk archive)
{
    public const int ShortTextLimit = TicketTextLimits.Short;
    public const int LongTextLimit = 4000;

    public CardInputProblem? Problem { get; private set; }

    public DateTimeOffset Now => now;

    public SupportRoster Roster => roster;

    public CardRouting Routing => routing;

    /// <summary>Who decides a closed ticket's article, and the article saves its draft's buttons make.</summary>
    public ArchiveDesk Archive => archive;

    public bool IsValid => Problem is null;

    public string? Text(TextField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var value = submission.Input(field.Name);
        if (Problem is not null)
        {
            return value;
        }

        if (value is null && field.Required)
        {
            Problem = new CardInputProblem($"card.error.required.{field.Name}");
        }
        else if (value?.Length > field.Limit)
        {
            Problem = new CardInputProblem("card.error.tooLong", field.Limit);
        }

        return value;
    }

    public int? Number(NumberField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Problem is not null)
        {
            return null;
        }

        if (int.TryParse(submission.Input(field.Name), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= field.Min && number <= field.Max)
        {
            return number;
        }

        Problem = new CardInputProblem(field.ErrorKey, field.Max);
        return null;
    }

    /// <summary>An optional amount (a cost, say): null when left empty, a problem when not a number in range.</summary>
    public decimal? Amount(DecimalField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (Problem is not null || submission.Input(field.Name) is not { } text)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount <= field.Max)
        {
            return amount;
        }

        Problem = new CardInputProblem(field.ErrorKey, field.Max);
        return null;
    }

    public DateOnly? Date(DateField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (submission.Input(field.Name) is not { } text || Problem is not null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem = new CardInputProblem("card.error.date");
        return null;
    }

    public bool Toggle(ToggleField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return string.Equals(submission.Input(field.Name), "true", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The raw value of a choice; the action knows which values it offered.</summary>
    public string? Choice(ChoiceField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return submission.Input(field.Name);
    }

    /// <summary>An engineer chosen on the card: of the ticket's team, or of any team when <paramref name="anyTeam"/>.</summary>
    public Engineer? Engineer(ChoiceField field, Ticket ticket, bool anyTeam = false)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (Problem is not null)
        {
            return null;
        }

        if (Choice(field) is { } id && roster.FindEngineer(id) is { } engineer && (anyTeam || roster.IsMemberOf(id, ticket.Team)))
        {
            return engineer;
        }

        Problem = new CardInputProblem("card.error.engineer");
        return null;
    }

    /// <summary>Records why the submission cannot be made; returns null so an action can say <c>return form.Fail(…)</c>.</summary>
    public CardCommand? Fail(string messageKey, params object[] args)
    {
        Problem ??= new CardInputProblem(messageKey, args);
        return null;
    }

    /// <summary>The command, unless a read found a problem.</summary>
    public CardCommand? Command(Tickets.Lifecycle.TicketAction action, Func<Ticket, Ticket>? amend, string? note) =>
        Problem is null ? new CardCommand(action, amend, note) : null;
}

/// <summary>Where a ticket would be routed now: the categories, and the rules and current load of the team one routes to.</summary>
internal sealed class CardRouting(TicketRouter router, ITicketStore store, CategoryCatalog categories)
{
    public CategoryCatalog Categories => categories;

    public RoutingDecision Route(string category, Priority priority) =>
        router.Route(category, priority, store.OpenTicketsByAssignee(router.TeamFor(category)));
}
