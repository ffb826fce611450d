namespace SupportBot.Tests.Intake;

/// <summary>
/// A first-time reporter's contact details (seed 000: 工号 and 分机 for employees, name, order number and phone for
/// customers), asked in one question and read whole: all of them in one answer, in any order, in either language, on
/// Teams and on the web; an answer with only some keeps those and the next question asks only for the rest.
/// </summary>
public sealed class ContactDetailsConversationTests : IAsyncLifetime
{
    private readonly SupportBotApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("en-US", "E1234, Finance, ext 5678")]
    [InlineData("en-US", "ext 5678, Finance, E1234")]
    [InlineData("en-US", "Finance 5678 E1234")]
    [InlineData("zh-CN", "工号E1234，财务部，分机5678")]
    [InlineData("zh-CN", "分机5678 我是财务部的 工号E1234")]
    [InlineData("zh-CN", "财务部、E1234、5678")]
    public async Task An_employee_gives_every_detail_in_one_answer_in_any_order(string locale, string details)
    {
        var employee = ScriptedReporter.Employee(_app, locale, aadId: "aad-li-lei", name: "Li Lei");
        await ToTheDetailsQuestionAsync(employee, locale);
        Assert.Contains(locale == "en-US" ? "your employee ID, department and phone extension" : "您的工号、部门和分机号", employee.Last, StringComparison.Ordinal);

        await employee.SayAsync(details);
        var department = locale == "en-US" ? "Finance" : "财务部";
        Assert.Contains($"Li Lei · E1234 · {department} · 5678", employee.CardTexts());

        await employee.ClickAsync(employee.CardAction("submit"));
        var ticket = await _app.TicketAsync("TS-20261123-001");
        Assert.Equal(("E1234", department, "5678"), (ticket.Reporter.EmployeeId, ticket.Reporter.Department, ticket.Reporter.Extension));
    }

    [Theory]
    [InlineData("en-US", "C-20931, +86 21 5555 0100, Li Na, Contoso", "Li Na, Contoso · C-20931 · +86 21 5555 0100")]
    [InlineData("en-US", "phone +86 21 5555 0100 order no. WX-771203 Li Na", "Li Na · WX-771203 · +86 21 5555 0100")]
    [InlineData("zh-CN", "13800138000，李娜，康托索公司，订单号WX-771203", "李娜,康托索公司 · WX-771203 · 13800138000")]
    [InlineData("zh-CN", "李娜 康托索公司 C-20931 电话13800138000", "李娜,康托索公司 · C-20931 · 13800138000")]
    public async Task A_web_customer_gives_every_detail_in_one_answer_in_any_order(string locale, string details, string shown)
    {
        var customer = ScriptedReporter.Customer(_app, locale);
        await ToTheDetailsQuestionAsync(customer, locale);
        Assert.Contains(locale == "en-US" ? "your name and company, customer or order number and phone number" : "您的姓名和公司、客户编号或订单号和联系电话", customer.Last, StringComparison.Ordinal);

        await customer.SayAsync(details);
        Assert.Contains(shown, customer.CardTexts());
    }

    [Theory]
    [InlineData("en-US", "Finance, ext 5678", "your employee ID", "E1234")]
    [InlineData("zh-CN", "财务部，分机5678", "您的工号", "E1234")]
    public async Task An_answer_with_some_details_keeps_them_and_asks_only_for_the_rest(string locale, string some, string rest, string last)
    {
        var employee = ScriptedReporter.Employee(_app, locale, aadId: "aad-li-lei", name: "Li Lei");
        await ToTheDetailsQuestionAsync(employee, locale);

        await employee.SayAsync(some);
        Assert.Contains(rest, employee.Last, StringComparison.Ordinal);
        Assert.DoesNotContain(locale == "en-US" ? "department" : "部门", employee.Last, StringComparison.Ordinal);
        Assert.DoesNotContain(locale == "en-US" ? "extension" : "分机", employee.Last, StringComparison.Ordinal);

        await employee.SayAsync(last);
        Assert.Contains($"Li Lei · E1234 · {(locale == "en-US" ? "Finance" : "财务部")} · 5678", employee.CardTexts());
    }

    [Theory]
    [InlineData("en-US", "C-20931", "On which phone number can we reach you?")]
    [InlineData("zh-CN", "李娜,康托索公司", "谢谢。还请告诉我您的客户编号或订单号和联系电话(例如“C-20931,13800138000”)。")]
    public async Task A_customer_who_gives_one_detail_is_asked_for_the_others_together(string locale, string one, string asked)
    {
        var customer = ScriptedReporter.Customer(_app, locale);
        await ToTheDetailsQuestionAsync(customer, locale);

        await customer.SayAsync(one);
        if (locale == "en-US")
        {
            // The number alone: the name and the phone are still missing, and asked for together.
            Assert.Contains("your name and company and phone number", customer.Last, StringComparison.Ordinal);
            await customer.SayAsync("Li Na, Contoso");
        }

        Assert.Equal(asked, customer.Last);
    }

    [Theory]
    [InlineData("en-US", "no")]
    [InlineData("zh-CN", "没有")]
    public async Task An_answer_holding_no_detail_is_asked_again(string locale, string answer)
    {
        var employee = ScriptedReporter.Employee(_app, locale, aadId: "aad-li-lei", name: "Li Lei");
        await ToTheDetailsQuestionAsync(employee, locale);
        await employee.SayAsync(answer);
        Assert.Contains(locale == "en-US" ? "An employee ID is 2 to 20 letters" : "工号由2到20个字母", employee.Last, StringComparison.Ordinal);
        Assert.Null(employee.LastCard());
    }

    /// <summary>A jammed printer on floor 3: a hardware fault, so no category or environment question comes before the details.</summary>
    private static async Task ToTheDetailsQuestionAsync(ScriptedReporter reporter, string locale)
    {
        var answers = locale == "en-US"
            ? new[] { "The printer on floor 3 jams on every job, no error", "just now", "no", "only me" }
            : ["三楼打印机每次打印都卡纸,没有报错", "刚才", "否", "只有我"];
        foreach (var answer in answers)
        {
            await reporter.SayAsync(answer);
        }
    }
}
