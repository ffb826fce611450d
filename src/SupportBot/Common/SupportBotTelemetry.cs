using System.Diagnostics;
using System.Diagnostics.Metrics;
using SupportBot.BotFramework.Schema;

namespace SupportBot.Common;

/// <summary>
/// What SupportBot tells an operator's metrics and traces: one meter and one activity source, both named
/// <see cref="Name"/>. Static, as .NET's own libraries keep theirs, so that a feature records an event in one line
/// where it happens; the OpenTelemetry SDK (Operations) subscribes by name and exports. Labels are only values from a
/// fixed set or from configuration (channel, team, priority, step, outbox kind): never a reporter's text or an id,
/// which would make a series per person (cardinality) and put people into the metrics store (privacy).
/// </summary>
internal static class SupportBotTelemetry
{
    public const string Name = "SupportBot";

    public static readonly ActivitySource Traces = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "supportbot.turns", "{turn}", "Turns handled (activities from people), by channel.");

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram(
        "supportbot.turn.duration", "s", "How long a turn took, from the activity to its committed replies, by channel.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> TicketsFiled = Meter.CreateCounter<long>(
        "supportbot.tickets.filed", "{ticket}", "Tickets filed, by team and priority.");

    private static readonly Counter<long> DeadlinesAtRisk = Meter.CreateCounter<long>(
        "supportbot.deadlines.at_risk", "{deadline}", "Deadlines whose nudge fell due (most of their span gone), by deadline kind.");

    private static readonly Counter<long> DeadlinesBreached = Meter.CreateCounter<long>(
        "supportbot.deadlines.breached", "{deadline}", "Deadlines that passed unmet, by deadline kind.");

    private static readonly Histogram<double> ReminderLateness = Meter.CreateHistogram(
        "supportbot.reminder.lateness", "s", "How long after its due time a reminder step was handled, by step.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 5, 15, 30, 60, 300, 900, 3600] });

    private static readonly Counter<long> OutboxFailures = Meter.CreateCounter<long>(
        "supportbot.outbox.failures", "{try}", "Outbox deliveries that failed, by kind and outcome (retry: tried again later; parked: given up).");

    private static readonly Counter<long> StorageErrors = Meter.CreateCounter<long>(
        "supportbot.storage.errors", "{error}", "Storage faults met, by where (turn: rolled back; outbox; housekeeping).");

    /// <summary>The channel as a label: the channels SupportBot knows, anything else "other" (the value comes from outside).</summary>
    public static string ChannelLabel(string? channelId) => channelId switch
    {
        Channels.MsTeams or Channels.WebChat or Channels.DirectLine or Channels.Emulator or Channels.Test => channelId,
        _ => "other",
    };

    public static void TurnEnded(string channel, TimeSpan took)
    {
        var label = new KeyValuePair<string, object?>("channel", channel);
        Turns.Add(1, label);
        TurnDuration.Record(took.TotalSeconds, label);
    }

    public static void TicketFiled(string team, string priority) =>
        TicketsFiled.Add(1, new KeyValuePair<string, object?>("team", team), new KeyValuePair<string, object?>("priority", priority));

    /// <summary>A reminder step was handled; a nudge means its deadline is at risk, a breach that it was missed.</summary>
    /// <param name="step">The step's kind (nudge, breach, lead, ...), lower case.</param>
    /// <param name="deadline">The deadline's kind (response, resolution, ...).</param>
    /// <param name="firstRecipient">Whether this is the step's delivery to its responsible person: a step told to three people is one deadline.</param>
    /// <param name="late">Handled time minus due time.</param>
    public static void ReminderStepHandled(string step, string deadline, bool firstRecipient, TimeSpan late)
    {
        ReminderLateness.Record(Math.Max(late.TotalSeconds, 0), new KeyValuePair<string, object?>("step", step));
        var kind = new KeyValuePair<string, object?>("deadline", deadline);
        if (firstRecipient && step == "nudge")
        {
            DeadlinesAtRisk.Add(1, kind);
        }
        else if (firstRecipient && step == "breach")
        {
            DeadlinesBreached.Add(1, kind);
        }
    }

    public static void OutboxFailed(string kind, bool parked) =>
        OutboxFailures.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", parked ? "parked" : "retry"));

    public static void StorageFailed(string where) => StorageErrors.Add(1, new KeyValuePair<string, object?>("where", where));
}
