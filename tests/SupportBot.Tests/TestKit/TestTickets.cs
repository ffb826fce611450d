using SupportBot.Tickets;

namespace SupportBot.Tests.TestKit;

/// <summary>Test data builders for tickets and drafts.</summary>
internal static class TestTickets
{
    public static readonly Reporter Employee = new()
    {
        Id = "aad-reporter-1",
        Kind = ReporterKind.Employee,
        Name = "张伟",
        Locale = "zh-CN",
        EmployeeId = "E10234",
        Department = "财务部",
        Extension = "8021",
    };

    public static readonly Reporter Customer = new()
    {
        Id = "dl_customer-42",
        Kind = ReporterKind.Customer,
        Name = "Maria Rossi",
        Locale = "en-US",
        Company = "Rossi Imports",
        CustomerNumber = "C-2291",
        Phone = "+39 02 5550 1234",
    };

    public static TicketDraft Draft(string category = "software", Priority priority = Priority.Medium, Reporter? reporter = null) => new()
    {
        Reporter = reporter ?? Employee,
        Title = "CRM cannot save customer info",
        Category = category,
        Priority = priority,
        Description = new TicketDescription
        {
            Specific = "在CRM系统中添加客户信息时,点击'保存'按钮后系统提示'未知错误',客户信息未保存",
            Original = "CRM 保存不了",
        },
    };

    public static Ticket Ticket(string number = "TS-20261123-001", TicketStatus status = TicketStatus.Submitted, Priority priority = Priority.Medium,
        DateTimeOffset? submittedAt = null, string team = "apps", string? assignee = null, Reporter? reporter = null) => new()
    {
        Number = number,
        Version = 1,
        SubmittedAt = submittedAt ?? new DateTimeOffset(2026, 11, 23, 9, 10, 0, TimeSpan.FromHours(8)),
        Reporter = reporter ?? Employee,
        Title = "CRM cannot save customer info",
        Category = "software",
        Priority = priority,
        Status = status,
        Description = new TicketDescription { Specific = "CRM: 'Save' shows 'Unknown error'", Original = "crm broken" },
        Team = team,
        Assignee = assignee,
    };
}
