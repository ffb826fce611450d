namespace SupportBot.Tickets;

internal enum ReporterKind
{
    /// <summary>An employee reporting from Microsoft Teams.</summary>
    Employee,

    /// <summary>A customer reporting from the web chat widget.</summary>
    Customer,
}

/// <summary>
/// Who reported a ticket. <see cref="Id"/> is the channel identity (the AAD object id in Teams,
/// the Direct Line user id on the web) and is what "my tickets" and access checks compare.
/// </summary>
internal sealed record Reporter
{
    public required string Id { get; init; }
    public required ReporterKind Kind { get; init; }
    public required string Name { get; init; }
    public string Locale { get; init; } = "en-US";

    /// <summary>The IANA time zone the reporter's channel gave (Web Chat does); the reporter's cards show times in it.</summary>
    public string? TimeZone { get; init; }

    // Employee fields (工号, 部门, 分机)
    public string? EmployeeId { get; init; }
    public string? Department { get; init; }
    public string? Extension { get; init; }

    // Customer fields
    public string? Company { get; init; }
    public string? CustomerNumber { get; init; }
    public string? Phone { get; init; }
}
