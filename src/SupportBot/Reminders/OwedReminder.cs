using SupportBot.Tickets.Deadlines;

namespace SupportBot.Reminders;

/// <summary>
/// One <see cref="ReminderDelivery"/> as the database keeps it (an outbox row's payload, a held nudge): plain fields,
/// so a row written before an upgrade still reads, and the delivery's keys are rebuilt from them, never stored.
/// </summary>
internal sealed record OwedReminder
{
    public required string Number { get; init; }

    public required DeadlineKind Deadline { get; init; }

    public required DateTimeOffset DeadlineStartedAt { get; init; }

    public required ReminderStepKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required RecipientKind To { get; init; }

    public required string ToId { get; init; }

    public required RecipientRole Role { get; init; }

    public static OwedReminder Of(ReminderDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new OwedReminder
        {
            Number = delivery.Number,
            Deadline = delivery.Step.Deadline,
            DeadlineStartedAt = delivery.Step.DeadlineStartedAt,
            Kind = delivery.Step.Kind,
            At = delivery.Step.At,
            DueAt = delivery.Step.DueAt,
            To = delivery.To.Kind,
            ToId = delivery.To.Id,
            Role = delivery.To.Role,
        };
    }

    public ReminderDelivery ToDelivery() =>
        new(Number, new ReminderStep(Deadline, DeadlineStartedAt, Kind, At, DueAt), new ReminderRecipient(To, ToId, Role));
}

/// <summary>What a reminder outbox row owes: one step's message, an engineer's combined nudges, or the news of an automatic close.</summary>
internal enum ReminderMessageKind
{
    Step,
    Digest,
    AutoClosed,
}

/// <summary>A reminder outbox row's payload. The words and cards are drawn when it goes out, from the ticket as it is then.</summary>
internal sealed record ReminderMessage
{
    public required ReminderMessageKind What { get; init; }

    /// <summary>The steps it carries: one for <see cref="ReminderMessageKind.Step"/>, several for a digest, none for an automatic close.</summary>
    public IReadOnlyList<OwedReminder> Steps { get; init; } = [];

    /// <summary>The engineer a digest goes to; the ticket of an automatic close.</summary>
    public string? Target { get; init; }
}

/// <summary>A nudge held back to be combined with others to the same engineer, until <see cref="FlushAt"/>.</summary>
internal sealed record HeldNudge(OwedReminder Nudge, DateTimeOffset FlushAt);

/// <summary>
/// The held nudges, kept in the database so that a restart neither loses nor forgets them: a nudge is held in the
/// transaction of the pass that found it due, and released in the transaction that records it and queues its message.
/// Inside a job's unit of work (<see cref="Common.TurnWork"/>) writes join it.
/// </summary>
internal interface IHeldNudges
{
    void Hold(OwedReminder nudge, string engineerId, DateTimeOffset flushAt);

    void Release(IEnumerable<string> deliveryKeys);

    /// <summary>The delivery keys (<see cref="ReminderDelivery.Key"/>) held for a ticket.</summary>
    IReadOnlySet<string> KeysOf(string number);

    IReadOnlyList<HeldNudge> Of(string engineerId);

    /// <summary>Every engineer with nudges held, and when their earliest window closes (start-up).</summary>
    IReadOnlyList<(string EngineerId, DateTimeOffset FlushAt)> Windows();
}
