using SupportBot.Describing;
using SupportBot.Tickets;

namespace SupportBot.Intake;

/// <summary>The fields intake asks for, in asking order; optional ones are offered on the confirmation card.</summary>
internal enum IntakeField
{
    Description,
    OccurredAt,
    System,
    Category,
    Blocked,
    People,
    Workaround,
    EmployeeId,
    Department,
    Extension,
    CustomerName,
    CustomerNumber,
    Phone,
    Confirm,

    // Asked only when the reporter chooses Edit on the confirmation card.
    Title,
    Priority,
    Environment,
    AlreadyTried,
    ExpectedBy,

    // Filing for someone else (report for …): asked of the engineer about the caller.
    CallerKind,
    CameBy,
    EmergencyContact,
}

/// <summary>How many people the problem stops.</summary>
internal enum ImpactReach
{
    OnlyMe,
    MyTeam,
    Many,
}

/// <summary>
/// Everything a reporter has told intake so far, kept in the dialog's state (so it survives a restart).
/// A null field has not been answered; "skipped" optional fields are empty strings.
/// </summary>
internal sealed record IntakeForm
{
    /// <summary>Identifies this form on its cards, so a click on an old card is recognised as stale.</summary>
    public required string Id { get; init; }

    public required string Locale { get; init; }

    /// <summary>The reporter's IANA time zone as the channel reports it (Web Chat sends one); null: the desk's.</summary>
    public string? TimeZone { get; init; }

    /// <summary>The reporter's own words, every message that described the problem, kept in the ticket.</summary>
    public string Original { get; init; } = "";

    public DescriptionAnswers Answers { get; init; } = new();

    /// <summary>Whether the reporter has said anything about the problem yet: their first words, or any answer.</summary>
    public bool HasDescribed => Original.Trim().Length > 0 || Answers != new DescriptionAnswers();

    /// <summary>Everything the reporter said about the problem in their own words, for the card and the ticket.</summary>
    public string ReporterWords => string.Join(
        "\n",
        new[] { Original, Answers.System, Answers.Action, Answers.Symptom, Answers.ErrorCode }
            .Where(words => !string.IsNullOrWhiteSpace(words))
            .Select(words => words!.Trim())
            .Distinct(StringComparer.Ordinal));

    /// <summary>The description as the reporter confirmed or edited it; null while it is being composed.</summary>
    public string? Description { get; init; }

    public string? Title { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>The reporter's words for <see cref="OccurredAt"/> and how precise they were (a day, a "before").</summary>
    public OccurrenceNote? OccurredAtNote { get; init; }

    public bool OccurredAtUnknown { get; init; }
    public string? System { get; init; }
    public string? Version { get; init; }
    public string? SuggestedCategory { get; init; }

    /// <summary>The reporter's own choice of category (asked only when the bot could not tell, or through Edit).</summary>
    public string? Category { get; init; }

    /// <summary>
    /// The category the report is filed under: the reporter's choice, else the bot's suggestion. Classifying is the
    /// desk's step (seed 000, 初步响应与分类), so a confident suggestion is not put to the reporter as a question; the
    /// card shows it with Edit, and engineers can transfer and reclassify.
    /// </summary>
    public string? FiledCategory => Category ?? SuggestedCategory;
    public bool? Blocked { get; init; }
    public ImpactReach? People { get; init; }
    public bool? Workaround { get; init; }

    /// <summary>The reporter's own choice, overriding the priority the impact answers give.</summary>
    public Priority? PriorityOverride { get; init; }

    public string? Environment { get; init; }
    public string? AlreadyTried { get; init; }
    public DateTimeOffset? ExpectedBy { get; init; }
    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>Employee (Teams) or customer (web): decides which details are asked.</summary>
    public ReporterKind ReporterKind { get; init; }

    /// <summary>The reporter's remembered details, as loaded from user state and completed during intake.</summary>
    public ReporterProfile Profile { get; init; } = new();

    /// <summary>An engineer filing for a caller: the profile is the caller's, asked afresh and never saved as the engineer's.</summary>
    public OnBehalfForm? OnBehalf { get; init; }

    /// <summary>"change my details": only the profile fields are asked, then saved.</summary>
    public bool ProfileOnly { get; init; }

    /// <summary>The field whose answer the next message is; null before the first question.</summary>
    public IntakeField? Asking { get; init; }

    /// <summary>Answers in a row that did not fit the question; after three, intake offers to skip or a person.</summary>
    public int Failures { get; init; }

    /// <summary>Set once the confirmation card has been shown: an edited field returns to the card.</summary>
    public bool Reviewing { get; init; }

    /// <summary>Knowledge articles offered once the description was specific (ids); the offer is recorded under <see cref="Id"/>.</summary>
    public IReadOnlyList<string> Offered { get; init; } = [];

    /// <summary>The offer is on screen and unanswered; <see cref="Asking"/> is the question to go on with.</summary>
    public bool OfferShown { get; init; }

    /// <summary>The knowledge base was searched (and any offer answered): it is not offered again in this report.</summary>
    public bool OfferSettled { get; init; }
}
