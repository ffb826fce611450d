namespace SupportBot.Tests.Describing;

/// <summary>
/// The four conventions of 2026-12-03 (seventh session) in round h17t13 (bench/README.md): a bare lock-out, a wrong value
/// shown in a named system, several problems that follow the first, nothing said of what went wrong; and an error met
/// signing in that names no system.
/// </summary>
public sealed partial class DescriptionAnalyzerTests
{
    // A bare lock-out is specific: the account is the system, the lock-out the symptom, signing in what was being done.
    [Theory]
    [InlineData("Account locked out. again.", "en-US")]
    [InlineData("account locked??", "en-US")]
    [InlineData("my account is locked", "en-US")]
    [InlineData("账号被锁了", "zh-CN")]
    [InlineData("域账号被锁定了", "zh-CN")]
    public void A_bare_lock_out_is_specific(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal(("Account", true), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
        Assert.False(string.IsNullOrWhiteSpace(analysis.Description));
    }

    // A wrong value shown in a named system says what is shown and that it is wrong; looking at it needs no asking.
    [Theory]
    [InlineData("HR portal shows my leave balance as zero", "en-US", "HR")]
    [InlineData("ERP report shows wrong totals for March", "en-US", "ERP")]
    [InlineData("The inventory report in our ERP shows totals that don't match the ledger", "en-US", "ERP")]
    [InlineData("ERP里的应付余额跟供应商对账单差了三万多", "zh-CN", "ERP")]
    [InlineData("HR系统里上个月的加班时长算少了", "zh-CN", "HR")]
    public void A_wrong_value_shown_in_a_named_system_is_specific(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
        Assert.DoesNotContain("action", analysis.Missing);
    }

    // Without a system, or without a value said to be wrong, it still asks.
    [Theory]
    [InlineData("数据不对", "zh-CN", "system")]
    [InlineData("the numbers are wrong", "en-US", "system")]
    [InlineData("Something looks off in HR", "en-US", "symptom")]
    public void A_wrong_value_with_nothing_named_still_asks(string text, string locale, string slot)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Contains(slot, analysis.Missing);
    }

    // Several problems in one message: every label follows the first, a vague first too.
    [Theory]
    [InlineData("两个事 一个是电脑不太对劲 另一个是打印机卡纸了", "zh-CN", "Computer")]
    [InlineData("Two things: my laptop is acting weird, and I need access to the Marketing share.", "en-US", "Computer")]
    [InlineData("Outlook has a problem, also Teams won't start", "en-US", "Email")]
    public void Several_problems_with_a_vague_first_are_vague(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, false), (analysis.Slots.System, analysis.Specific));
        Assert.Contains("symptom", analysis.Missing);
    }

    [Theory]
    [InlineData("两个事:一是显示器闪屏,二是Excel打开表格就卡死", "zh-CN", "Monitor")]
    [InlineData("Two things: the wifi on the 3rd floor is really slow, and my Outlook won't open", "en-US", "Wi-Fi")]
    public void Several_problems_with_a_specific_first_are_specific(string text, string locale, string system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
    }

    // One problem told in two clauses is not two problems: "…, and I …" splits only where several were announced.
    [Fact]
    public void One_problem_told_with_and_is_read_whole()
    {
        var analysis = Analyzer.Analyze("I open the expense system, and I click Submit and nothing happens", "en-US");

        Assert.Equal(("Expense", true), (analysis.Slots.System, analysis.Specific));
    }

    // Nothing said of what went wrong (only what was being done, or an error without its words): what happened is asked,
    // whatever the learned decision would say.
    [Theory]
    [InlineData("I was in the middle of exporting customer contacts from the CRM", "en-US")]
    [InlineData("我在报销系统里上传发票", "zh-CN")]
    [InlineData("AnyConnect threw an error at me", "en-US")]
    [InlineData("金蝶刚才弹了个错误提示", "zh-CN")]
    public void A_report_that_says_nothing_went_wrong_is_vague(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.NotEmpty(analysis.Missing.Intersect(["action", "symptom"]));
    }

    // An error met signing in names no system: signing in is every system's.
    [Theory]
    [InlineData("I got 'Invalid credentials' trying to log in", "en-US")]
    [InlineData("登录的时候一直提示“登录失败”", "zh-CN")]
    public void An_error_signing_in_without_a_system_asks_the_system(string text, string locale)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.False(analysis.Specific);
        Assert.Equal("system", analysis.Missing[0]);
    }

    // The system named, the same error is specific; an error met doing a system's own function stands in for the system.
    [Theory]
    [InlineData("登录OA的时候提示「账号已被锁定」", "zh-CN", "OA")]
    [InlineData("导出报表时提示'数据格式错误'", "zh-CN", null)]
    public void An_error_with_its_system_or_a_function_stays_specific(string text, string locale, string? system)
    {
        var analysis = Analyzer.Analyze(text, locale);

        Assert.Equal((system, true), (analysis.Slots.System, analysis.Specific));
    }

    // A macro's runtime error retyped without its quotes keeps its kind: the number alone means nothing.
    [Theory]
    [InlineData("Excel宏运行报错 运行时错误 1004", "zh-CN", "运行时错误 1004")]
    [InlineData("Run-time error 1004 when I run the pricing macro in Excel", "en-US", "Run-time error 1004")]
    [InlineData("Excel打开带宏的报价表,点“计算报价”按钮就弹 运行时错误 '9'", "zh-CN", "运行时错误 '9'")]
    public void A_runtime_error_without_quotes_keeps_its_kind(string text, string locale, string code)
    {
        Assert.Equal(code, Analyzer.Analyze(text, locale).Slots.ErrorCode);
    }
}
