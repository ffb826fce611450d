namespace SupportBot.Tickets.Lifecycle;

/// <summary>What a person is to one particular ticket; permissions are decided on this, never on the person alone.</summary>
public enum TicketRole
{
    /// <summary>The reporter of this ticket.</summary>
    Reporter,

    /// <summary>An engineer of the ticket's team.</summary>
    TeamEngineer,

    /// <summary>An engineer of another team brought onto this ticket as a co-handler: they may add notes, nothing more.</summary>
    CoHandler,

    /// <summary>An engineer of another team.</summary>
    OtherEngineer,

    Lead,
    Admin,

    /// <summary>The scheduler and other automatic steps.</summary>
    System,

    /// <summary>Anyone else, e.g. another reporter who got hold of the number or a forwarded card.</summary>
    Stranger,
}
