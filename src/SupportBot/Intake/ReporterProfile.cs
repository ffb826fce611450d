namespace SupportBot.Intake;

/// <summary>
/// What intake remembers about a reporter between conversations (user state): the details Teams does not
/// give, or, for a web customer, who they are. Asked once; "change my details" asks again.
/// </summary>
internal sealed record ReporterProfile
{
    public string? EmployeeId { get; init; }
    public string? Department { get; init; }
    public string? Extension { get; init; }
    public string? CustomerName { get; init; }
    public string? CustomerNumber { get; init; }
    public string? Phone { get; init; }

    public static IReadOnlyList<IntakeField> EmployeeFields { get; } = [IntakeField.EmployeeId, IntakeField.Department, IntakeField.Extension];

    public static IReadOnlyList<IntakeField> CustomerFields { get; } = [IntakeField.CustomerName, IntakeField.CustomerNumber, IntakeField.Phone];

    public string? this[IntakeField field] => field switch
    {
        IntakeField.EmployeeId => EmployeeId,
        IntakeField.Department => Department,
        IntakeField.Extension => Extension,
        IntakeField.CustomerName => CustomerName,
        IntakeField.CustomerNumber => CustomerNumber,
        IntakeField.Phone => Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a profile field."),
    };

    public ReporterProfile With(IntakeField field, string value) => field switch
    {
        IntakeField.EmployeeId => this with { EmployeeId = value },
        IntakeField.Department => this with { Department = value },
        IntakeField.Extension => this with { Extension = value },
        IntakeField.CustomerName => this with { CustomerName = value },
        IntakeField.CustomerNumber => this with { CustomerNumber = value },
        IntakeField.Phone => this with { Phone = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a profile field."),
    };
}
